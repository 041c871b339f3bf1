// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;

namespace Por.Cli.Commands;

/// <summary>
/// The bearer token of <c>POST /v1/mint-check</c>: read from a file readable by its owner only (0600; a group- or
/// world-readable file is refused), at least 32 characters (surrounding whitespace and the final newline are ignored).
/// Requests are compared in constant time (SHA-256 of both, then <see cref="CryptographicOperations.FixedTimeEquals"/>).
/// </summary>
internal sealed class MintCheckToken
{
    /// <summary>The fewest characters a token may have.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _hash;

    private MintCheckToken(byte[] hash) => _hash = hash;

    /// <summary>Reads the token file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The token.</returns>
    /// <exception cref="InputException">The file is missing, too open or too short.</exception>
    public static MintCheckToken Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InputException(full, 0, "--mint-check-token", "no such file");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(full);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != UnixFileMode.None)
            {
                throw new InputException(full, 0, "--mint-check-token", $"the token file must be readable by its owner only (chmod 600), not {Convert.ToString((int)mode, 8)}");
            }
        }

        var text = File.ReadAllText(full, Encoding.UTF8).Trim();
        if (text.Length < MinimumLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new InputException(full, 1, "--mint-check-token", $"the token must be one line of at least {MinimumLength} characters without spaces");
        }

        return new MintCheckToken(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether an <c>Authorization</c> header carries this token (<c>Bearer TOKEN</c>), in constant time.</summary>
    /// <param name="authorization">The header, or null.</param>
    /// <returns>Whether it matches.</returns>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        var given = authorization is not null && authorization.StartsWith(Scheme, StringComparison.Ordinal) ? authorization[Scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _hash);
    }
}
