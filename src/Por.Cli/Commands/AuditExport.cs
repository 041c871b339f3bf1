// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Audit;

namespace Por.Cli.Commands;

/// <summary><c>por inclusion export --ids</c>: the inclusion files of an auditor's sample, written atomically.</summary>
internal static class AuditExport
{
    public static int Run(CliContext ctx, string bundle, string manifestPath, string idsFile, string? output, bool force, bool allowTest, CancellationToken cancellationToken)
    {
        var directory = output ?? throw new InputException("--out", 0, "", "required with --ids: the directory to create");
        Outputs.Refuse(directory, force, "--out");
        var requests = ReadRequests(idsFile, manifestPath);
        var started = TimeProvider.System.GetTimestamp();
        var count = Outputs.Directory(directory, force, "--out", builderIsAtomic: false, staging =>
            SampleInclusionExporter.Export(bundle, requests, staging, allowTest, ctx.Progress(), cancellationToken));
        return InclusionCommands.WriteExportSummary(ctx, directory, count, started, " for the auditor's sample; give the auditor this directory.");
    }

    /// <summary>The accounts of a sample file (JSON, checked to be about this round) or of a plain list (one id per line).</summary>
    private static List<SampleInclusionExporter.Request> ReadRequests(string path, string manifestPath)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8))
        {
            var sample = AuditSampleJson.Parse(bytes, path);
            var round = AuditRound.Read(manifestPath);
            if (!round.SameAs(sample.Round))
            {
                throw new InputException(path, 0, "round", $"the sample is for round '{sample.Round.Id}' root {Convert.ToHexStringLower(sample.Round.Root)}, not this bundle's round '{round.Id}' root {Convert.ToHexStringLower(round.Root)}");
            }

            return [.. sample.Accounts.Select((id, i) => new SampleInclusionExporter.Request(id, path, 0, string.Create(CultureInfo.InvariantCulture, $"accounts[{i}]")))];
        }

        return [.. AuditList.ReadEntries(path).Select(e => new SampleInclusionExporter.Request(Encoding.UTF8.GetString(e.Id), path, e.Line, "account_id"))];
    }
}
