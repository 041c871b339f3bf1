// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Por.Crypto.Native;

/// <summary>
/// P/Invoke declarations for the libsecp256k1 that the Secp256k1.Net package bundles (runtimes/&lt;rid&gt;/native:
/// libsecp256k1.so, libsecp256k1.dylib, secp256k1.dll; built with the recovery, extrakeys and schnorrsig modules).
/// The unversioned name lets the runtime resolve it from the app's own folder on every platform.
/// </summary>
internal static unsafe partial class Secp256k1Native
{
    internal const string Library = "secp256k1";
    internal const uint ContextNone = 1;
    internal const uint EcCompressed = 0x102;
    internal const uint EcUncompressed = 0x2;

    [LibraryImport(Library, EntryPoint = "secp256k1_context_create")]
    internal static partial nint ContextCreate(uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_parse_compact")]
    internal static partial int RecoverableSignatureParseCompact(nint context, byte* signature65, byte* input64, int recoveryId);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_serialize_compact")]
    internal static partial int RecoverableSignatureSerializeCompact(nint context, byte* output64, int* recoveryId, byte* signature65);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recover")]
    internal static partial int Recover(nint context, byte* publicKey64, byte* signature65, byte* messageHash32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_sign_recoverable")]
    internal static partial int SignRecoverable(nint context, byte* signature65, byte* messageHash32, byte* secretKey32, nint nonceFunction, nint nonceData);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_parse_compact")]
    internal static partial int SignatureParseCompact(nint context, byte* signature64, byte* input64);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_parse_der")]
    internal static partial int SignatureParseDer(nint context, byte* signature64, byte* input, nuint inputLength);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_verify")]
    internal static partial int Verify(nint context, byte* signature64, byte* messageHash32, byte* publicKey64);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_parse")]
    internal static partial int PublicKeyParse(nint context, byte* publicKey64, byte* input, nuint inputLength);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    internal static partial int PublicKeySerialize(nint context, byte* output, nuint* outputLength, byte* publicKey64, uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_create")]
    internal static partial int PublicKeyCreate(nint context, byte* publicKey64, byte* secretKey32);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_parse")]
    internal static partial int XOnlyPublicKeyParse(nint context, byte* xonly64, byte* input32);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_serialize")]
    internal static partial int XOnlyPublicKeySerialize(nint context, byte* output32, byte* xonly64);

    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_verify")]
    internal static partial int SchnorrVerify(nint context, byte* signature64, byte* message, nuint messageLength, byte* xonly64);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_create")]
    internal static partial int KeypairCreate(nint context, byte* keypair96, byte* secretKey32);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_xonly_pub")]
    internal static partial int KeypairXOnlyPublicKey(nint context, byte* xonly64, int* parity, byte* keypair96);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_xonly_tweak_add")]
    internal static partial int KeypairXOnlyTweakAdd(nint context, byte* keypair96, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_sign32")]
    internal static partial int SchnorrSign32(nint context, byte* signature64, byte* message32, byte* keypair96, byte* auxiliaryRandom32);
}
