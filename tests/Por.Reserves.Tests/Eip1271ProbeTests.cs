// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;

namespace Por.Reserves.Tests;

/// <summary>
/// The EIP-1271 accept-all probe of <see cref="OwnershipVerifier"/>: after the wallet accepts the declared signature
/// for the challenge, it is asked about fresh random hashes (with the declared, a random and an empty signature) at
/// the same snapshot block; a wallet that says yes to any of them fails as
/// <see cref="OwnershipFailure.ContractAcceptsAnySignature"/>.
/// </summary>
public sealed class Eip1271ProbeTests
{
    private const string Wallet = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly byte[] s_declared = [.. Enumerable.Range(1, 65).Select(i => (byte)i)];
    private static readonly string s_message = ChallengeMessage.For("Probe Custody", "2026-11", "ethereum", 19000000, ReserveTestFixtures.EthHash);
    private static readonly byte[] s_challengeHash = EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(s_message));

    private static ReserveRow Row() => ReserveTestFixtures.EthereumRow() with
    {
        Address = Wallet,
        Scheme = SignatureScheme.Eip1271,
        Signatures = ["0x" + Convert.ToHexStringLower(s_declared)],
    };

    [Fact]
    public async Task VerifyContractWalletAsync_AcceptsEverything_ContractAcceptsAnySignature()
    {
        // Without the probe this wallet verifies (it returns the magic value for the challenge and signature).
        var reader = new ScriptedWalletReader((_, _) => true);
        var result = await OwnershipVerifier.VerifyContractWalletAsync(Row(), s_message, reader, TestContext.Current.CancellationToken);
        Assert.Equal(OwnershipFailure.ContractAcceptsAnySignature, result.Failure);
        Assert.Equal(OwnershipStatus.Invalid, result.Status);
        Assert.Contains("random hash", result.Message, StringComparison.Ordinal);

        // The first call is the real check; the probe that follows asks about a different hash at the same block.
        Assert.Equal(2, reader.Calls.Count);
        Assert.Equal(s_challengeHash, reader.Calls[0].Hash);
        Assert.NotEqual(s_challengeHash, reader.Calls[1].Hash);
        Assert.All(reader.Calls, c => Assert.Equal((19000000L, ReserveTestFixtures.EthHash), (c.Height, c.BlockHash)));
    }

    [Fact]
    public async Task VerifyContractWalletAsync_HonestWallet_ValidAfterThreeProbesWithFreshHashes()
    {
        // Accepts exactly the declared signature for exactly the challenge hash.
        var reader = new ScriptedWalletReader((hash, signature) => hash.AsSpan().SequenceEqual(s_challengeHash) && signature.AsSpan().SequenceEqual(s_declared));
        var result = await OwnershipVerifier.VerifyContractWalletAsync(Row(), s_message, reader, TestContext.Current.CancellationToken);
        Assert.True(result.IsValid, result.Message);

        Assert.Equal(4, reader.Calls.Count);
        var probes = reader.Calls.Skip(1).ToArray();
        Assert.All(probes, p => Assert.NotEqual(s_challengeHash, p.Hash));
        Assert.Equal(3, probes.Select(p => Convert.ToHexString(p.Hash)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(s_declared, probes[0].Signature);
        Assert.Equal(65, probes[1].Signature.Length);
        Assert.NotEqual(s_declared, probes[1].Signature);
        Assert.Empty(probes[2].Signature);
        Assert.All(reader.Calls, c => Assert.Equal(19000000L, c.Height));

        // A second run draws new random hashes: nothing a contract could special-case.
        var again = new ScriptedWalletReader((hash, signature) => hash.AsSpan().SequenceEqual(s_challengeHash) && signature.AsSpan().SequenceEqual(s_declared));
        await OwnershipVerifier.VerifyContractWalletAsync(Row(), s_message, again, TestContext.Current.CancellationToken);
        Assert.Empty(again.Calls.Skip(1).Select(c => Convert.ToHexString(c.Hash)).Intersect(probes.Select(p => Convert.ToHexString(p.Hash)), StringComparer.Ordinal));
    }

    // Each of the three probes catches a wallet the other two miss.
    [Theory]
    [InlineData("declared signature, any hash")]
    [InlineData("any 65-byte signature, any hash")]
    [InlineData("empty signature, any hash")]
    public async Task VerifyContractWalletAsync_PartialCheater_ContractAcceptsAnySignature(string cheat)
    {
        Func<byte[], byte[], bool> accepts = cheat switch
        {
            "declared signature, any hash" => (_, signature) => signature.AsSpan().SequenceEqual(s_declared),
            "any 65-byte signature, any hash" => (hash, signature) => signature.Length == 65 && (!signature.AsSpan().SequenceEqual(s_declared) || hash.AsSpan().SequenceEqual(s_challengeHash)),
            _ => (hash, signature) => signature.Length == 0 || (hash.AsSpan().SequenceEqual(s_challengeHash) && signature.AsSpan().SequenceEqual(s_declared)),
        };
        var result = await OwnershipVerifier.VerifyContractWalletAsync(Row(), s_message, new ScriptedWalletReader(accepts), TestContext.Current.CancellationToken);
        Assert.Equal(OwnershipFailure.ContractAcceptsAnySignature, result.Failure);
    }

    [Fact]
    public async Task VerifyContractWalletAsync_RejectsTheChallenge_ContractRejectedWithoutProbing()
    {
        var reader = new ScriptedWalletReader((_, _) => false);
        var result = await OwnershipVerifier.VerifyContractWalletAsync(Row(), s_message, reader, TestContext.Current.CancellationToken);
        Assert.Equal(OwnershipFailure.ContractRejected, result.Failure);
        Assert.Single(reader.Calls);
    }

    [Fact]
    public void ContractAcceptsAnySignature_IsAConclusiveFailure() =>
        Assert.False(OwnershipFailure.ContractAcceptsAnySignature.IsInconclusive());

    /// <summary>An <see cref="IEvmContractWalletReader"/> whose isValidSignature answer is a function of (hash, signature); it records every call.</summary>
    private sealed class ScriptedWalletReader(Func<byte[], byte[], bool> accepts) : IEvmContractWalletReader
    {
        public List<(byte[] Hash, byte[] Signature, long Height, string? BlockHash)> Calls { get; } = [];

        public Task<(IReadOnlyList<byte[]> Owners, int Threshold)> ReadSafeOwnersAsync(string wallet, long height, string? blockHash, CancellationToken cancellationToken) =>
            throw new NodeException(NodeFailureKind.Protocol, "not a Safe");

        public Task<bool> IsValidSignatureAsync(string wallet, byte[] hash, byte[] signature, long height, string? blockHash, CancellationToken cancellationToken)
        {
            Assert.Equal(Wallet, wallet);
            Calls.Add(([.. hash], [.. signature], height, blockHash));
            return Task.FromResult(accepts(hash, signature));
        }
    }
}
