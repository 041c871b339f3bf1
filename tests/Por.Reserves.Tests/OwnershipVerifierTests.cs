// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Ownership;

namespace Por.Reserves.Tests;

/// <summary>The row-level checks of <see cref="OwnershipVerifier"/> before any signature is looked at, one failure each.</summary>
public sealed class OwnershipVerifierTests
{
    private const string Message = "any message";

    [Fact]
    public void Verify_NoSignature_SignatureCountMismatch() =>
        Assert.Equal(OwnershipFailure.SignatureCountMismatch, Verify(ReserveTestFixtures.EthereumRow() with { Signatures = [] }));

    [Fact]
    public void Verify_TwoSignaturesForSingleKeyScheme_SignatureCountMismatch()
    {
        var row = ReserveTestFixtures.EthereumRow();
        Assert.Equal(OwnershipFailure.SignatureCountMismatch, Verify(row with { Signatures = [row.Signatures[0], row.Signatures[0]] }));
    }

    [Fact]
    public void Verify_Eip712WithoutChainId_DeclarationIncomplete() =>
        Assert.Equal(OwnershipFailure.DeclarationIncomplete, Verify(ReserveTestFixtures.EthereumRow() with { Scheme = SignatureScheme.Eip712, ChainId = null }));

    [Fact]
    public void Verify_MultisigWithoutScript_DeclarationIncomplete() =>
        Assert.Equal(OwnershipFailure.DeclarationIncomplete, Verify(ReserveTestFixtures.BitcoinRow() with { Scheme = SignatureScheme.BitcoinMultisig, Script = null }));

    [Fact]
    public void Verify_UnknownBitcoinFamilyChain_UnsupportedChain() =>
        Assert.Equal(OwnershipFailure.UnsupportedChain, Verify(ReserveTestFixtures.BitcoinRow() with { Chain = "bitcoin-cash" }));

    [Fact]
    public void Verify_UnsupportedScheme_UnsupportedChain() =>
        Assert.Equal(OwnershipFailure.UnsupportedChain, Verify(ReserveTestFixtures.EthereumRow() with { Scheme = SignatureScheme.Unsupported }));

    [Theory]
    [InlineData("bitcoin", "bc1qnotanaddress")]
    [InlineData("ethereum", "0x1234")]
    public void Verify_UndecodableAddress_AddressMalformed(string chain, string address)
    {
        var row = string.Equals(chain, "bitcoin", StringComparison.Ordinal) ? ReserveTestFixtures.BitcoinRow() : ReserveTestFixtures.EthereumRow();
        Assert.Equal(OwnershipFailure.AddressMalformed, Verify(row with { Address = address }));
    }

    [Fact]
    public async Task VerifyContractWalletAsync_NoNode_NodeNotConfigured()
    {
        var row = ReserveTestFixtures.EthereumRow() with { Scheme = SignatureScheme.Eip1271 };
        var result = await OwnershipVerifier.VerifyContractWalletAsync(row, Message, null, TestContext.Current.CancellationToken);
        Assert.Equal(OwnershipFailure.NodeNotConfigured, result.Failure);
        Assert.Equal(OwnershipStatus.Invalid, result.Status);
    }

    [Fact]
    public void IsInconclusive_OnlyTheUnsupportedProofKindsAndUnchecked()
    {
        var inconclusive = Enum.GetValues<OwnershipFailure>().Where(f => f.IsInconclusive()).ToArray();
        Assert.Equal([OwnershipFailure.UnsupportedAddressType, OwnershipFailure.UnsupportedProof, OwnershipFailure.UnsupportedScript, OwnershipFailure.NotChecked], inconclusive);
    }

    [Fact]
    public void Fail_WithNone_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OwnershipResult.Fail(OwnershipFailure.None, "not a failure"));

    private static OwnershipFailure Verify(ReserveRow row) => OwnershipVerifier.Verify(row, Message)!.Failure;
}
