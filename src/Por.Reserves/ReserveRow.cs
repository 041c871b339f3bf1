// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>One declared reserve wallet: what is claimed, where, and the ownership proof.</summary>
public sealed record ReserveRow
{
    /// <summary>1-based line in the source file (for error messages).</summary>
    public required int Line { get; init; }

    /// <summary>Asset symbol, e.g. "BTC", "USDT".</summary>
    public required string Asset { get; init; }

    /// <summary>Chain name, e.g. "bitcoin", "ethereum", "tron", "solana".</summary>
    public required string Chain { get; init; }

    /// <summary>The wallet address in the chain's native form.</summary>
    public required string Address { get; init; }

    /// <summary>Claimed balance in integer base units.</summary>
    public required UInt128 Amount { get; init; }

    /// <summary>Decimals of the asset's base unit (8 for BTC, 18 for ETH…).</summary>
    public required int Decimals { get; init; }

    /// <summary>Token contract for token balances (ERC-20), or null for the chain's native asset.</summary>
    public string? Token { get; init; }

    /// <summary>Snapshot block height on this chain.</summary>
    public required long SnapshotHeight { get; init; }

    /// <summary>Snapshot block hash on this chain (hex, 0x-prefixed for EVM); null only for imports that publish none.</summary>
    public string? SnapshotBlockHash { get; init; }

    /// <summary>The one ownership scheme.</summary>
    public required SignatureScheme Scheme { get; init; }

    /// <summary>The signed message; null means "the round's challenge".</summary>
    public string? Message { get; init; }

    /// <summary>Signature(s): one, or one per multisig key / Safe owner.</summary>
    public required IReadOnlyList<string> Signatures { get; init; }

    /// <summary>Redeem / witness script (hex) for multisig rows.</summary>
    public string? Script { get; init; }

    /// <summary>Public key, where the scheme needs one (informational for recoverable schemes).</summary>
    public string? PublicKey { get; init; }

    /// <summary>Owner EOAs of a Safe-style contract wallet, one per signature.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>Scheme of the owner signatures in safe-owners rows (eip191-text or eip191-hash32).</summary>
    public SignatureScheme OwnerScheme { get; init; } = SignatureScheme.Eip191Text;

    /// <summary>How an importer chose something the source file does not state (e.g. the TRON header version), or null.</summary>
    public string? ImportNote { get; init; }

    /// <summary>EVM chain id (EIP-712 domain).</summary>
    public long? ChainId { get; init; }
}
