// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

namespace Por.Reserves;

/// <summary>
/// Imports OKX's published reserves CSV (okx/proof-of-reserves): the monthly file (optional summary block, then the
/// 11-column or 12-column address block, told apart by the header) and the auditor layout
/// (<c>digitalAsset,network,address,signedMessage,…</c>). Rows whose network or type this verifier cannot check are
/// imported as <see cref="SignatureScheme.Unsupported"/> so that they fail closed and stay visible as unverified claims.
/// </summary>
public static class OkxReservesCsvImporter
{
    private const string Custodian = "OKX";
    private const string Round = "okx-static-message";

    private static readonly Dictionary<string, string> s_evmChains = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ETH"] = "ethereum",
        ["ARBITRUM"] = "arbitrum",
        ["ETH-ARBITRUM"] = "arbitrum",
        ["OPTIMISM"] = "optimism",
        ["ETH-OPTIMISM"] = "optimism",
        ["POLY"] = "polygon",
        ["POLYGON"] = "polygon",
        ["AVAXC"] = "avalanche-c",
        ["BSC"] = "bsc",
        ["OKC"] = "okc",
    };

    private static readonly Dictionary<string, int> s_decimals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTC"] = 8,
        ["LTC"] = 8,
        ["DOGE"] = 8,
        ["ETH"] = 18,
        ["ETC"] = 18,
        ["USDT"] = 6,
        ["USDC"] = 6,
        ["TRX"] = 6,
        ["SOL"] = 9,
    };

    /// <summary>Imports an OKX CSV.</summary>
    /// <param name="text">File content.</param>
    /// <param name="sourcePath">File name for errors.</param>
    /// <returns>A declaration with OKX's static message on every row.</returns>
    /// <exception cref="InputException">Unrecognised header, wrong column count or a bad amount.</exception>
    public static ReserveDeclaration Import(string text, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var rows = new List<ReserveRow>();
        Layout? layout = null;
        var headerLine = 0;
        var inSummary = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                inSummary = false;
                continue;
            }

            var cells = SplitCsv(line).Select(c => c.Trim()).ToArray();
            var header = string.Join(',', cells).ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
            if (string.Equals(header, "coin,snapshotheight,amount", StringComparison.Ordinal))
            {
                inSummary = true;
                continue;
            }

            if (inSummary)
            {
                continue;
            }

            if (DetectLayout(header) is { } detected)
            {
                layout = detected;
                headerLine = lineNumber;
                continue;
            }

            if (layout is null)
            {
                throw new InputException(sourcePath, lineNumber, "(header)", "no recognised OKX header before this line");
            }

            RejectControlCharacters(layout.Value, cells, sourcePath, lineNumber);
            rows.Add(ImportRow(layout.Value, cells, sourcePath, lineNumber));
        }

        if (layout is null)
        {
            throw new InputException(sourcePath, 1, "(header)", "no recognised OKX address-block header (11-column, 12-column or auditor layout)");
        }

        if (rows.Count == 0)
        {
            throw new InputException(sourcePath, headerLine, "(rows)", "no wallet row after the header: a declaration needs at least one row");
        }

        return new ReserveDeclaration("okx-csv", Custodian, Round, rows, sourcePath);
    }

    // Cells are trimmed first; any control character left (U+0000–U+001F, U+007F–U+009F) is an error naming the column.
    private static void RejectControlCharacters(Layout layout, string[] cells, string file, int line)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            foreach (var c in cells[i])
            {
                if (c is <= '\u001f' or (>= '\u007f' and <= '\u009f'))
                {
                    var names = ColumnNames(layout);
                    throw new InputException(file, line, i < names.Length ? names[i] : $"(column {i + 1})", $"contains the control character U+{(int)c:X4}");
                }
            }
        }
    }

    private static string[] ColumnNames(Layout layout) => layout switch
    {
        Layout.Eleven => ["coin", "Network", "Snapshot Height", "address", "amount", "message", "signature1", "signature2", "redeem script/public key", "eoa1", "eoa2"],
        Layout.Twelve => ["coin", "Type", "Network", "Snapshot Height", "address", "amount", "message", "signature1", "signature2", "redeem script/public key", "EOA1", "EOA2"],
        _ => ["digitalAsset", "network", "address", "signedMessage", "signedMessage2", "message", "publicKey", "owner1", "owner2"],
    };

    private static Layout? DetectLayout(string header) => header switch
    {
        "coin,network,snapshotheight,address,amount,message,signature1,signature2,redeemscript/publickey,eoa1,eoa2" => Layout.Eleven,
        "coin,type,network,snapshotheight,address,amount,message,signature1,signature2,redeemscript/publickey,eoa1,eoa2" => Layout.Twelve,
        "digitalasset,network,address,signedmessage,signedmessage2,message,publickey,owner1,owner2" => Layout.Auditor,
        _ => null,
    };

    private static ReserveRow ImportRow(Layout layout, string[] cells, string file, int line)
    {
        // OKX omits empty trailing columns (signature2, script/key, owners); anything before them is required.
        var expected = layout switch { Layout.Eleven => 11, Layout.Twelve => 12, _ => 9 };
        var minimum = layout == Layout.Auditor ? 6 : expected - 4;
        if (cells.Length < minimum || cells.Length > expected)
        {
            throw new InputException(file, line, "(row)", $"expected {minimum}..{expected} columns, found {cells.Length}");
        }

        cells = [.. cells, .. Enumerable.Repeat(string.Empty, expected - cells.Length)];

        string coin, network, address, message, sig1, sig2, keyOrScript, eoa1, eoa2, amountText, heightText;
        string? type = null;
        if (layout == Layout.Auditor)
        {
            (coin, network, address, sig1, sig2, message, keyOrScript, eoa1, eoa2) = (cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8]);
            amountText = "0";
            heightText = "0";
        }
        else
        {
            var o = layout == Layout.Twelve ? 1 : 0;
            type = layout == Layout.Twelve ? cells[1] : null;
            (coin, network, heightText, address, amountText, message, sig1, sig2, keyOrScript, eoa1, eoa2) =
                (cells[0], cells[1 + o], cells[2 + o], cells[3 + o], cells[4 + o], cells[5 + o], cells[6 + o], cells[7 + o], cells[8 + o], cells[9 + o], cells[10 + o]);
        }

        var asset = coin.Split('-')[0];
        var decimals = s_decimals.TryGetValue(asset, out var d) ? d : FractionDigits(amountText);
        var amount = ParseAmount(amountText, decimals, file, line);
        long height = 0;
        if (!string.Equals(heightText, "-", StringComparison.Ordinal) && !long.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out height))
        {
            throw new InputException(file, line, "Snapshot Height", $"'{heightText}' is not a block height");
        }

        var signatures = new[] { sig1, sig2 }.Where(IsPresent).ToList();
        var owners = new[] { eoa1, eoa2 }.Where(IsPresent).ToList();
        var (chain, scheme) = MapScheme(network, type, signatures, owners, keyOrScript);
        (scheme, var importNote) = ChooseTronHeader(scheme, address, message, signatures);

        return new ReserveRow
        {
            ImportNote = importNote,
            Line = line,
            Asset = asset.ToUpperInvariant(),
            Chain = chain,
            Address = address,
            Amount = amount,
            Decimals = decimals,
            SnapshotHeight = height,
            SnapshotBlockHash = null,
            Scheme = scheme,
            Message = message,
            Signatures = signatures.Count > 0 ? signatures : [string.Empty],
            Script = scheme == SignatureScheme.BitcoinMultisig ? keyOrScript : null,
            PublicKey = IsPresent(keyOrScript) && scheme != SignatureScheme.BitcoinMultisig ? keyOrScript : null,
            Owners = scheme == SignatureScheme.SafeOwners ? owners : [],
            OwnerScheme = SignatureScheme.Eip191Hash32,
        };
    }

    private static (SignatureScheme Scheme, string? Note) ChooseTronHeader(SignatureScheme scheme, string address, string message, List<string> signatures)
    {
        // OKX's files do not say which TRON header was used (its verifier tries v1, then v2); record the choice.
        return scheme == SignatureScheme.TronV1 && signatures.Count == 1 && Tron.TronSignature.Verify(address, message, signatures[0], v2: true).IsValid
            ? (SignatureScheme.TronV2, "OKX file does not name the TRON header version; v2 selected at import because the signature verifies under it")
            : (scheme, null);
    }

    private static (string Chain, SignatureScheme Scheme) MapScheme(string network, string? type, List<string> signatures, List<string> owners, string keyOrScript)
    {
        if (type is not null && !string.Equals(type, "Non Staking", StringComparison.OrdinalIgnoreCase))
        {
            return (network.ToLowerInvariant(), SignatureScheme.Unsupported);
        }

        var upper = network.ToUpperInvariant();
        if (upper is "BTC" or "LTC" or "DOGE")
        {
            var chain = upper switch { "BTC" => "bitcoin", "LTC" => "litecoin", _ => "dogecoin" };
            // Structural, not a suffix test: a single key ends in 0xae (OP_CHECKMULTISIG's byte) once in 256.
            var multisig = signatures.Count > 1 || IsMultisigScript(keyOrScript);
            return (chain, multisig ? SignatureScheme.BitcoinMultisig : SignatureScheme.Bip137);
        }

        if (s_evmChains.TryGetValue(upper, out var evmChain))
        {
            return (evmChain, owners.Count > 0 ? SignatureScheme.SafeOwners : SignatureScheme.Eip191Hash32);
        }

        return upper switch
        {
            "TRON" or "TRX" => ("tron", SignatureScheme.TronV1),
            "SOL" or "SOLANA" => ("solana", SignatureScheme.SolanaOkx),
            _ => (network.ToLowerInvariant(), SignatureScheme.Unsupported),
        };
    }

    /// <summary>True when the cell is hex of a script with the shape <c>OP_m &lt;keys&gt; OP_n OP_CHECKMULTISIG</c>.</summary>
    private static bool IsMultisigScript(string cell) =>
        cell.Length > 0 && cell.Length % 2 == 0 && cell.All(Uri.IsHexDigit) && Bitcoin.MultisigScript.HasTemplateShape(Convert.FromHexString(cell));

    private static bool IsPresent(string cell) => cell.Length > 0 && !string.Equals(cell, "null", StringComparison.OrdinalIgnoreCase);

    private static int FractionDigits(string amount)
    {
        var dot = amount.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : amount.Length - dot - 1;
    }

    /// <summary>Converts a decimal coin amount to base units exactly (no floating point); more fraction digits
    /// than the asset has is an error, never a rounding.</summary>
    private static UInt128 ParseAmount(string text, int decimals, string file, int line)
    {
        var parts = text.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            throw new InputException(file, line, "amount", $"'{text}' is not a non-negative decimal amount");
        }

        var fraction = parts.Length == 2 ? parts[1] : string.Empty;
        if (fraction.Length > decimals)
        {
            throw new InputException(file, line, "amount", $"'{text}' has more than {decimals} decimals");
        }

        var digits = parts[0] + fraction.PadRight(decimals, '0');
        if (!UInt128.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InputException(file, line, "amount", $"'{text}' is too large");
        }

        return amount;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }

    private enum Layout
    {
        Eleven,
        Twelve,
        Auditor,
    }
}
