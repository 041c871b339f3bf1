// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Por.Liabilities.Rounds;

/// <summary>
/// The layout of a bulk inclusion export directory, the same in both modes (docs/formats.md §9.5): one file per
/// customer at <see cref="RelativePath"/> and an <see cref="IndexFile"/> mapping every account id to its file.
/// </summary>
public static class InclusionExportLayout
{
    /// <summary>The index: a JSON object <c>{format, round_id, accounts: [{account_id, file}], count}</c>.</summary>
    public const string IndexFile = "index.json";

    /// <summary>The format id of <see cref="IndexFile"/>.</summary>
    public const string IndexFormat = "por-inclusion-index/1";

    /// <summary>
    /// The file of a customer, '/' separated: <c>HH/H….json</c>, where H… is the lowercase hex SHA-256 of the id's UTF-8
    /// bytes (64 characters) and HH its first two characters (256 subdirectories, so millions of files stay
    /// manageable). Safe on every file system whatever the id holds, and distinct for distinct ids.
    /// </summary>
    /// <param name="accountId">The account id.</param>
    /// <returns>The relative path.</returns>
    public static string RelativePath(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)));
        return $"{hex[..2]}/{hex}.json";
    }

    /// <summary>Writes the index's opening fields; the caller then writes one <see cref="WriteEntry"/> per account and
    /// calls <see cref="WriteEnd"/>.</summary>
    /// <param name="writer">The index writer.</param>
    /// <param name="roundId">The round id.</param>
    public static void WriteStart(Utf8JsonWriter writer, string roundId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("format", IndexFormat);
        writer.WriteString("round_id", roundId);
        writer.WriteStartArray("accounts");
    }

    /// <summary>Writes one account's entry.</summary>
    /// <param name="writer">The index writer.</param>
    /// <param name="accountId">The account id.</param>
    public static void WriteEntry(Utf8JsonWriter writer, string accountId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("account_id", accountId);
        writer.WriteString("file", RelativePath(accountId));
        writer.WriteEndObject();
    }

    /// <summary>Closes the index.</summary>
    /// <param name="writer">The index writer.</param>
    /// <param name="count">The number of files written.</param>
    public static void WriteEnd(Utf8JsonWriter writer, long count)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
    }
}
