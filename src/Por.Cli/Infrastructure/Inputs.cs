// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Runtime.CompilerServices;
using Por.Liabilities.Rounds;

namespace Por.Cli.Infrastructure;

/// <summary>
/// The one input convention of por (docs/cli.md, "Conventions"): every input is a named option; an option that names
/// a file is checked before the command runs (missing: exit 3; a directory where a file is expected: exit 2); and
/// <c>--round</c> takes a bundle directory or its <c>manifest.json</c>.
/// </summary>
internal static class Inputs
{
    private static readonly ConditionalWeakTable<Option, InputKindBox> s_kinds = [];
    private static readonly ConditionalWeakTable<Command, Option> s_primary = [];

    /// <summary>What an input option names.</summary>
    public enum Kind
    {
        /// <summary>An existing file.</summary>
        File,

        /// <summary>An existing file or directory (a snapshot directory of OKX files).</summary>
        FileOrDirectory,

        /// <summary>A round: a bundle directory or its manifest.json.</summary>
        Round,
    }

    /// <summary>A named input option whose value must name an existing file (or directory, by <paramref name="kind"/>).</summary>
    public static Option<string> Path(string name, string description, bool required, Kind kind = Kind.File)
    {
        var option = new Option<string>(name) { Description = description, Required = required };
        s_kinds.Add(option, new InputKindBox(kind));
        return option;
    }

    /// <summary>The <c>--round</c> option: a bundle directory or its manifest.json.</summary>
    public static Option<string> Round(string description, bool required = true) =>
        Path("--round", description + " (a bundle directory or its manifest.json)", required, Kind.Round);

    /// <summary>The <c>--force</c> flag of a command that writes an output.</summary>
    public static Option<bool> Force() => new("--force") { Description = "Replace an existing output (the new one is written completely first, then swapped in)" };

    /// <summary>Names the option that replaced the positional input of <paramref name="command"/> (por 0.x took
    /// <c>round verify DIR</c> and <c>inclusion verify FILE</c>), for the usage error of a leftover argument.</summary>
    public static void ReplacesPositional(Command command, Option option) => s_primary.AddOrUpdate(command, option);

    /// <summary>The usage error of a stray argument <paramref name="token"/> given to <paramref name="command"/>.</summary>
    public static string StrayArgument(Command command, string token)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hint = s_primary.TryGetValue(command, out var option)
            ? $"; inputs are named options now: give it as {option.Name} {token}"
            : "; every input is a named option (see --help)";
        return $"unexpected argument '{token}'{hint}";
    }

    /// <summary>Checks every input option given to the parsed command: a missing path is <see cref="MissingInputException"/>
    /// (exit 3), a directory given where a file is expected an <see cref="Por.Common.InputException"/> (exit 2).</summary>
    public static void Check(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (!s_kinds.TryGetValue(option, out var box) || option is not Option<string> path || parse.GetValue(path) is not { } value)
            {
                continue;
            }

            var isFile = File.Exists(value);
            var isDirectory = Directory.Exists(value);
            switch (box.Kind)
            {
                case Kind.File when isDirectory:
                    throw new Por.Common.InputException(value, 0, "", $"is a directory; {option.Name} expects a file");
                case Kind.File when !isFile:
                    throw new MissingInputException(value, option.Name, "file");
                case Kind.FileOrDirectory or Kind.Round when !isFile && !isDirectory:
                    throw new MissingInputException(value, option.Name, box.Kind == Kind.Round ? "bundle directory or manifest file" : "file or directory");
                default:
                    break;
            }
        }
    }

    /// <summary>The bundle directory of a <c>--round</c> value: the directory itself, or the directory holding the
    /// given manifest file.</summary>
    public static string RoundDirectory(string round) =>
        Directory.Exists(round) ? round : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(round)) ?? ".";

    /// <summary>The manifest of a <c>--round</c> value: the given file, or <c>manifest.json</c> in the given directory.</summary>
    public static string RoundManifest(string round) =>
        Directory.Exists(round) ? System.IO.Path.Combine(round, BundleLayout.Manifest) : round;

    private sealed record InputKindBox(Kind Kind);
}
