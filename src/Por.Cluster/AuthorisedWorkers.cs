// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

namespace Por.Cluster;

/// <summary>
/// The operator's list of worker public keys allowed to receive unit keys (docs/distributed.md, "Secrets in transit"):
/// a text file, one X25519 public key per line as 64 hex digits, optionally followed by a space and a name; blank lines
/// and lines starting with <c>#</c> are ignored. A worker whose key is not listed is never given a unit key.
/// </summary>
public sealed class AuthorisedWorkers
{
    private readonly Dictionary<string, string> _names;

    private AuthorisedWorkers(Dictionary<string, string> names) => _names = names;

    /// <summary>How many keys are listed.</summary>
    public int Count => _names.Count;

    /// <summary>Parses the file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The list.</returns>
    /// <exception cref="InputException">A line is not a key, a key repeats, or the file lists none.</exception>
    public static AuthorisedWorkers Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        long lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string hex = space < 0 ? line : line[..space];
            string name = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            if (hex.Length != WorkerKey.PublicKeySize * 2 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new InputException(path, lineNumber, "public_key", "expected a worker public key as 64 hex digits (por worker keygen prints it)");
            }

            string key = hex.ToLowerInvariant();
            if (!names.TryAdd(key, name.Length == 0 ? WorkerKey.Fingerprint(Convert.FromHexString(key)) : name))
            {
                throw new InputException(path, lineNumber, "public_key", "listed twice");
            }
        }

        if (names.Count == 0)
        {
            throw new InputException(path, 0, "", "lists no worker public key");
        }

        return new AuthorisedWorkers(names);
    }

    /// <summary>Whether a public key is listed, and its name.</summary>
    /// <param name="publicKey">The 32-byte key.</param>
    /// <param name="name">The name given in the file, or the key's fingerprint.</param>
    /// <returns>True when listed.</returns>
    public bool TryGet(ReadOnlySpan<byte> publicKey, out string name)
    {
        name = string.Empty;
        return publicKey.Length == WorkerKey.PublicKeySize && _names.TryGetValue(Convert.ToHexStringLower(publicKey), out name!);
    }

    /// <summary>A count for messages.</summary>
    /// <returns>"N worker key(s)".</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} worker key(s)");
}
