// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Por.Common;
using Por.Tokens.Units;

namespace Por.Tokens.Statements;

/// <summary>Reads and writes "por-reserve-statement/1" files strictly (docs/token-por.md "Reserve statements").</summary>
public static partial class ReserveStatementJson
{
    private static readonly string[] s_required =
        ["format", "issuer", "token", "signer", "signer_role", "as_of", "valid_until", "currency", "decimals", "assets", "total_available", "ripcord", "ripcord_details"];
    private static readonly string[] s_signature = ["algorithm", "public_key", "signature"];
    private static readonly string[] s_asset = ["type", "description", "holder", "custodian", "jurisdiction", "account_nature", "pledged", "restricted", "amount"];

    /// <summary>Parses a statement.</summary>
    /// <param name="bytes">The file content (UTF-8 JSON).</param>
    /// <param name="file">File name for errors.</param>
    /// <param name="requireSignature">True for a signed statement (algorithm, public_key and signature required), false for
    /// the unsigned input of <c>por token statement sign</c> (none of them allowed).</param>
    /// <returns>The statement.</returns>
    /// <exception cref="InputException">Not a well-formed statement.</exception>
    public static ReserveStatement Parse(byte[] bytes, string file, bool requireSignature)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var document = StrictJson.Parse(bytes, file);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, file, "", requireSignature ? [.. s_required, .. s_signature] : s_required);
        var format = StrictJson.String(root, "format", file, "");
        if (!string.Equals(format, ReserveStatement.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"'{format}' is not {ReserveStatement.FormatVersion}");
        }

        var decimals = (int)StrictJson.Integer(root, "decimals", file, "", 0, 36);
        var currency = StrictJson.String(root, "currency", file, "");
        if (!CurrencyPattern().IsMatch(currency))
        {
            throw new InputException(file, 0, "currency", "must be 2–12 upper-case letters or digits, starting with a letter (e.g. USD)");
        }

        var role = Text(root, "signer_role", file, "", 32);
        if (!ReserveStatement.SignerRoles.Contains(role, StringComparer.Ordinal))
        {
            throw new InputException(file, 0, "signer_role", $"'{role}' is not one of {string.Join(", ", ReserveStatement.SignerRoles)}");
        }

        var assets = new List<StatementAsset>();
        var index = 0;
        foreach (var element in StrictJson.Array(root, "assets", file, "").EnumerateArray())
        {
            assets.Add(Asset(element, file, $"assets[{index++}]", decimals));
        }

        var totalText = StrictJson.String(root, "total_available", file, "");
        var total = Amount(totalText, decimals, file, "total_available");
        var ripcordDetails = NullableText(root, "ripcord_details", file, 2000);
        var statement = new ReserveStatement
        {
            Issuer = Text(root, "issuer", file, "", 200),
            Token = Text(root, "token", file, "", 128),
            Signer = Text(root, "signer", file, "", 200),
            SignerRole = role,
            AsOf = NullableTime(root, "as_of", file),
            ValidUntil = NullableTime(root, "valid_until", file),
            Currency = currency,
            Decimals = decimals,
            Assets = assets,
            TotalAvailable = totalText,
            TotalAvailableBaseUnits = total,
            Ripcord = Boolean(root, "ripcord", file, ""),
            RipcordDetails = ripcordDetails,
        };
        if (!requireSignature)
        {
            return statement;
        }

        var algorithmText = StrictJson.String(root, "algorithm", file, "");
        if (!StatementPublicKey.TryParseAlgorithm(algorithmText, out var algorithm))
        {
            throw new InputException(file, 0, "algorithm", $"'{algorithmText}' is not ed25519 or secp256k1");
        }

        return statement with
        {
            Algorithm = algorithm,
            PublicKey = StrictJson.Hex(root, "public_key", StatementPublicKey.KeySize(algorithm), file, ""),
            Signature = StrictJson.Hex(root, "signature", 64, file, ""),
        };
    }

    /// <summary>Writes a statement (signed when it carries a signature), fields in the documented order.</summary>
    /// <param name="statement">The statement.</param>
    /// <returns>UTF-8 JSON, indented, with a final newline.</returns>
    public static byte[] Write(ReserveStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", ReserveStatement.FormatVersion);
            w.WriteString("issuer", statement.Issuer);
            w.WriteString("token", statement.Token);
            w.WriteString("signer", statement.Signer);
            w.WriteString("signer_role", statement.SignerRole);
            WriteTime(w, "as_of", statement.AsOf);
            WriteTime(w, "valid_until", statement.ValidUntil);
            w.WriteString("currency", statement.Currency);
            w.WriteNumber("decimals", statement.Decimals);
            w.WriteStartArray("assets");
            foreach (var asset in statement.Assets)
            {
                w.WriteStartObject();
                w.WriteString("type", asset.Type);
                w.WriteString("description", asset.Description);
                w.WriteString("holder", asset.Holder);
                w.WriteString("custodian", asset.Custodian);
                w.WriteString("jurisdiction", asset.Jurisdiction);
                w.WriteString("account_nature", asset.AccountNature);
                w.WriteBoolean("pledged", asset.Pledged);
                w.WriteBoolean("restricted", asset.Restricted);
                w.WriteString("amount", asset.Amount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("total_available", statement.TotalAvailable);
            w.WriteBoolean("ripcord", statement.Ripcord);
            if (statement.RipcordDetails is null)
            {
                w.WriteNull("ripcord_details");
            }
            else
            {
                w.WriteString("ripcord_details", statement.RipcordDetails);
            }

            if (statement.Algorithm is { } algorithm && statement.PublicKey is not null && statement.Signature is not null)
            {
                w.WriteString("algorithm", StatementPublicKey.AlgorithmName(algorithm));
                w.WriteString("public_key", Convert.ToHexStringLower(statement.PublicKey));
                w.WriteString("signature", Convert.ToHexStringLower(statement.Signature));
            }

            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static StatementAsset Asset(JsonElement element, string file, string path, int decimals)
    {
        StrictJson.ExpectObject(element, file, path, s_asset);
        var type = Text(element, "type", file, path, 32);
        if (!StatementAsset.Types.Contains(type, StringComparer.Ordinal))
        {
            throw new InputException(file, 0, path + ".type", $"'{type}' is not one of {string.Join(", ", StatementAsset.Types)}");
        }

        var nature = Text(element, "account_nature", file, path, 32);
        if (!StatementAsset.AccountNatures.Contains(nature, StringComparer.Ordinal))
        {
            throw new InputException(file, 0, path + ".account_nature", $"'{nature}' is not one of {string.Join(", ", StatementAsset.AccountNatures)}");
        }

        var jurisdiction = StrictJson.String(element, "jurisdiction", file, path);
        if (!JurisdictionPattern().IsMatch(jurisdiction))
        {
            throw new InputException(file, 0, path + ".jurisdiction", "must be an ISO 3166 code: two upper-case letters, optionally with a subdivision (US, US-NY)");
        }

        var amount = StrictJson.String(element, "amount", file, path);
        return new StatementAsset(
            type,
            Text(element, "description", file, path, 500),
            Text(element, "holder", file, path, 200),
            Text(element, "custodian", file, path, 200),
            jurisdiction,
            nature,
            Boolean(element, "pledged", file, path),
            Boolean(element, "restricted", file, path),
            amount,
            Amount(amount, decimals, file, path + ".amount"));
    }

    private static BigInteger Amount(string text, int decimals, string file, string field) =>
        BaseUnits.TryParseFixed(text, decimals, out var value)
            ? value
            : throw new InputException(file, 0, field, $"'{text}' is not a decimal with exactly {decimals} fraction digit(s) (digits only, no sign, no leading zero, no exponent)");

    private static string Text(JsonElement obj, string name, string file, string path, int maxLength)
    {
        var text = StrictJson.String(obj, name, file, path);
        ReserveStatement.CheckText(text, file, StrictJson.Join(path, name), maxLength);
        return text;
    }

    private static bool Boolean(JsonElement obj, string name, string file, string path)
    {
        var e = obj.GetProperty(name);
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InputException(file, 0, StrictJson.Join(path, name), "expected true or false"),
        };
    }

    // as_of, valid_until and ripcord_details are required properties whose value may be null.
    private static string? NullableText(JsonElement obj, string name, string file, int maxLength)
    {
        if (!obj.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputException(file, 0, name, "expected a string or null");
        ReserveStatement.CheckText(text, file, name, maxLength);
        return text;
    }

    private static DateTimeOffset? NullableTime(JsonElement obj, string name, string file) =>
        !obj.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null : StrictJson.Time(obj, name, file, "");

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, UtcTime.Format(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,11}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]{1,3})?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JurisdictionPattern();
}
