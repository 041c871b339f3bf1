// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Audit;

/// <summary>
/// The auditor's own list of account ids (docs/formats.md §11.1): a UTF-8 text file, one id per line, read strictly.
/// The ids are kept sorted by their UTF-8 bytes; <see cref="Sha256"/> is the SHA-256 of that canonical list (each id
/// followed by one LF), so the digest does not depend on the file's order or line ends.
/// </summary>
public sealed class AuditList
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private AuditList(byte[][] sorted)
    {
        Ids = sorted;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var id in sorted)
        {
            hash.AppendData(id);
            hash.AppendData("\n"u8);
        }

        Sha256 = hash.GetHashAndReset();
    }

    /// <summary>The ids as UTF-8, sorted by bytes, distinct.</summary>
    public IReadOnlyList<byte[]> Ids { get; }

    /// <summary>SHA-256 of the canonical list: the sorted ids, each followed by LF.</summary>
    public byte[] Sha256 { get; }

    /// <summary>How many ids the list holds.</summary>
    public int Count => Ids.Count;

    /// <summary>Reads a list file: UTF-8 (an initial byte order mark is skipped), one account id per line (LF or CRLF;
    /// the last line may lack its line end), every id valid (<see cref="AccountIds"/>) and given once, no blank line.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The list.</returns>
    /// <exception cref="InputException">A malformed line (names the file, the line and <c>account_id</c>), or no id at all.</exception>
    public static AuditList Read(string path) => FromUtf8(ReadEntries(path).Select(e => e.Id));

    /// <summary>Reads a list file as <see cref="Read"/> does, keeping the file's order and each id's line.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The ids as UTF-8 with their line numbers.</returns>
    /// <exception cref="InputException">A malformed line, or no id at all.</exception>
    public static IReadOnlyList<(byte[] Id, long Line)> ReadEntries(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        var text = bytes.AsSpan();
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }

        var ids = new List<(byte[] Id, long Line)>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        long line = 0;
        while (!text.IsEmpty)
        {
            line++;
            var end = text.IndexOf((byte)'\n');
            var raw = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (raw.EndsWith("\r"u8))
            {
                raw = raw[..^1];
            }

            if (raw.IsEmpty)
            {
                throw new InputException(path, line, "account_id", "empty line: the list holds one account id per line");
            }

            string id;
            try
            {
                id = s_strict.GetString(raw);
            }
            catch (DecoderFallbackException)
            {
                throw new InputException(path, line, "account_id", "not valid UTF-8");
            }

            if (AccountIds.Validate(raw) is { } why)
            {
                throw new InputException(path, line, "account_id", why);
            }

            if (!firstLine.TryAdd(id, line))
            {
                throw new InputException(path, line, "account_id", $"account id '{id}' is already on line {firstLine[id]}");
            }

            ids.Add((raw.ToArray(), line));
        }

        if (ids.Count == 0)
        {
            throw new InputException(path, 0, "account_id", "the list holds no account id");
        }

        return ids;
    }

    /// <summary>A list from ids already checked to be valid and distinct.</summary>
    /// <param name="ids">The ids as UTF-8.</param>
    /// <returns>The list.</returns>
    internal static AuditList FromUtf8(IEnumerable<byte[]> ids)
    {
        var sorted = ids.ToArray();
        Array.Sort(sorted, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return new AuditList(sorted);
    }
}
