// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Por.Common;

namespace Por.Tokens.Statements;

/// <summary>
/// A custodian's or accountant's signed reserve statement, "por-reserve-statement/1" (docs/token-por.md "Reserve
/// statements"). The signature covers <see cref="Digest"/>: SHA-256 of <see cref="SigningBytes"/>, a domain-separated,
/// type-tagged, length-prefixed encoding of every field but the signature itself.
/// </summary>
public sealed record ReserveStatement
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-reserve-statement/1";

    /// <summary>The first bytes of the signed encoding (ASCII, ending in a zero byte).</summary>
    public const string Domain = "por-reserve-statement/1 signing\0";

    /// <summary>The signer roles a statement may state.</summary>
    public static IReadOnlyList<string> SignerRoles { get; } = ["custodian", "accountant"];

    /// <summary>The token's issuer.</summary>
    public required string Issuer { get; init; }

    /// <summary>The token id of the supply registry this statement is for.</summary>
    public required string Token { get; init; }

    /// <summary>Who signs (the custodian or accountant).</summary>
    public required string Signer { get; init; }

    /// <summary>custodian or accountant.</summary>
    public required string SignerRole { get; init; }

    /// <summary>The cut-off time the amounts are measured at; null when the statement states none (unclocked).</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The time after which the statement must not be used; null when it states none.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The currency unit of every amount (e.g. USD), which must be the token's reserve unit.</summary>
    public required string Currency { get; init; }

    /// <summary>The fraction digits of every amount (0–36).</summary>
    public required int Decimals { get; init; }

    /// <summary>The redemption assets.</summary>
    public required IReadOnlyList<StatementAsset> Assets { get; init; }

    /// <summary>The stated total of the available assets (as written); must equal the sum of the available assets.</summary>
    public required string TotalAvailable { get; init; }

    /// <summary>The stated total × 10^decimals.</summary>
    public required BigInteger TotalAvailableBaseUnits { get; init; }

    /// <summary>Whether the signer asks that no value be published.</summary>
    public required bool Ripcord { get; init; }

    /// <summary>Why the ripcord is raised, or null.</summary>
    public string? RipcordDetails { get; init; }

    /// <summary>The signing algorithm (null in an unsigned statement).</summary>
    public StatementAlgorithm? Algorithm { get; init; }

    /// <summary>The signing public key as the statement states it (null in an unsigned statement); verification uses
    /// the registry's pinned keys only, this names which one.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>The 64-byte signature (null in an unsigned statement).</summary>
    public byte[]? Signature { get; init; }

    /// <summary>The sum of the available (neither pledged nor restricted) assets, × 10^decimals.</summary>
    public BigInteger SumAvailable => Assets.Where(a => a.Available).Aggregate(BigInteger.Zero, (sum, a) => sum + a.BaseUnits);

    /// <summary>
    /// The exact bytes whose SHA-256 is signed: <see cref="Domain"/>, then each field in a fixed order, each value
    /// type-tagged: text 0x01 ‖ u32be(byte length) ‖ UTF-8; null 0x00; boolean 0x02 ‖ 0x00|0x01; integer 0x03 ‖
    /// u32be(value); list 0x04 ‖ u32be(count) ‖ items. Times are text "yyyy-MM-ddTHH:mm:ssZ"; the public key is its
    /// lowercase hex text.
    /// </summary>
    /// <returns>The signing bytes.</returns>
    /// <exception cref="InvalidOperationException">The algorithm or public key is missing.</exception>
    public byte[] SigningBytes()
    {
        var algorithm = Algorithm ?? throw new InvalidOperationException("the signing bytes need the algorithm");
        var publicKey = PublicKey ?? throw new InvalidOperationException("the signing bytes need the public key");
        var buffer = new MemoryStream();
        buffer.Write(Encoding.ASCII.GetBytes(Domain));
        Text(buffer, FormatVersion);
        Text(buffer, Issuer);
        Text(buffer, Token);
        Text(buffer, Signer);
        Text(buffer, SignerRole);
        Time(buffer, AsOf);
        Time(buffer, ValidUntil);
        Text(buffer, Currency);
        Integer(buffer, (uint)Decimals);
        buffer.WriteByte(0x04);
        Integer32(buffer, (uint)Assets.Count);
        foreach (var asset in Assets)
        {
            Text(buffer, asset.Type);
            Text(buffer, asset.Description);
            Text(buffer, asset.Holder);
            Text(buffer, asset.Custodian);
            Text(buffer, asset.Jurisdiction);
            Text(buffer, asset.AccountNature);
            Boolean(buffer, asset.Pledged);
            Boolean(buffer, asset.Restricted);
            Text(buffer, asset.Amount);
        }

        Text(buffer, TotalAvailable);
        Boolean(buffer, Ripcord);
        Text(buffer, RipcordDetails);
        Text(buffer, StatementPublicKey.AlgorithmName(algorithm));
        Text(buffer, Convert.ToHexStringLower(publicKey));
        return buffer.ToArray();
    }

    /// <summary>SHA-256 of <see cref="SigningBytes"/>: what is signed.</summary>
    /// <returns>32 bytes.</returns>
    public byte[] Digest() => SHA256.HashData(SigningBytes());

    /// <summary>Signs this statement with a secret key (its algorithm and public key are set first).</summary>
    /// <param name="key">The signer's secret key.</param>
    /// <returns>The signed statement.</returns>
    public ReserveStatement SignWith(StatementKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = this with { Algorithm = key.PublicKey.Algorithm, PublicKey = key.PublicKey.Key, Signature = null };
        return unsigned with { Signature = key.SignDigest(unsigned.Digest()) };
    }

    /// <summary>
    /// Verifies the signature with the pinned keys only: the statement's public key must be one of them (same
    /// algorithm and bytes), and the signature must verify with it over <see cref="Digest"/>.
    /// </summary>
    /// <param name="pinned">The keys the registry pins for this source.</param>
    /// <param name="reason">Why it does not verify.</param>
    /// <returns>Whether it verifies.</returns>
    public bool VerifySignature(IReadOnlyList<StatementPublicKey> pinned, out string reason)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (Algorithm is not { } algorithm || PublicKey is null || Signature is null)
        {
            reason = "the statement is not signed";
            return false;
        }

        var key = pinned.FirstOrDefault(k => k.Matches(algorithm, PublicKey));
        if (key is null)
        {
            reason = $"signed with {StatementPublicKey.AlgorithmName(algorithm)} key {Convert.ToHexStringLower(PublicKey)}, which is not a pinned signer key of this source";
            return false;
        }

        if (!key.Verify(Digest(), Signature))
        {
            reason = $"the signature does not verify with the pinned {StatementPublicKey.AlgorithmName(algorithm)} key {Convert.ToHexStringLower(key.Key)}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    internal static void CheckText(string text, string file, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Any(char.IsControl) || text.Trim().Length != text.Length)
        {
            throw new InputException(file, 0, field, $"must be 1–{maxLength} characters without control characters or surrounding spaces");
        }
    }

    private static void Text(MemoryStream buffer, string? text)
    {
        if (text is null)
        {
            buffer.WriteByte(0x00);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        buffer.WriteByte(0x01);
        Integer32(buffer, (uint)bytes.Length);
        buffer.Write(bytes);
    }

    private static void Time(MemoryStream buffer, DateTimeOffset? time) => Text(buffer, time is { } t ? UtcTime.Format(t) : null);

    private static void Boolean(MemoryStream buffer, bool value)
    {
        buffer.WriteByte(0x02);
        buffer.WriteByte(value ? (byte)1 : (byte)0);
    }

    private static void Integer(MemoryStream buffer, uint value)
    {
        buffer.WriteByte(0x03);
        Integer32(buffer, value);
    }

    private static void Integer32(MemoryStream buffer, uint value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, value);
        buffer.Write(word);
    }
}
