// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Hashing;

/// <summary>
/// The Plonky3 default Poseidon2-Goldilocks width-8 instance (RF = 8, RP = 22, x^7, M4 = circ(2, 3, 1, 1)).
/// Transcribed from Plonky3/Plonky3 goldilocks/src/poseidon2.rs at commit 5dc50e51436a811c62443e336f766015fecc9217
/// (GOLDILOCKS_POSEIDON2_RC_8_EXTERNAL_INITIAL, _INTERNAL, _EXTERNAL_FINAL, MATRIX_DIAG_8_GOLDILOCKS; MIT OR Apache-2.0),
/// via testdata/vectors/poseidon2-goldilocks.json; the KAT test_default_goldilocks_poseidon2_width_8 checks them.
/// </summary>
internal static class Poseidon2Goldilocks8Constants
{
    public static readonly int[,] M4 = { { 2, 3, 1, 1 }, { 1, 2, 3, 1 }, { 1, 1, 2, 3 }, { 3, 1, 1, 2 } };

    public static readonly ulong[] InternalDiagonal = [0xfffffffeffffffffUL, 0x0000000000000001UL, 0x0000000000000002UL, 0x7fffffff80000001UL, 0x0000000000000003UL, 0x7fffffff80000000UL, 0xfffffffefffffffeUL, 0xfffffffefffffffdUL];

    public static readonly ulong[][] ExternalInitial =
    [
        [0xdd5743e7f2a5a5d9UL, 0xcb3a864e58ada44bUL, 0xffa2449ed32f8cdcUL, 0x42025f65d6bd13eeUL, 0x7889175e25506323UL, 0x34b98bb03d24b737UL, 0xbdcc535ecc4faa2aUL, 0x5b20ad869fc0d033UL],
        [0xf1dda5b9259dfcb4UL, 0x27515210be112d59UL, 0x4227d1718c766c3fUL, 0x26d333161a5bd794UL, 0x49b938957bf4b026UL, 0x4a56b5938b213669UL, 0x1120426b48c8353dUL, 0x6b323c3f10a56cadUL],
        [0xce57d6245ddca6b2UL, 0xb1fc8d402bba1eb1UL, 0xb5c5096ca959bd04UL, 0x6db55cd306d31f7fUL, 0xc49d293a81cb9641UL, 0x1ce55a4fe979719fUL, 0xa92e60a9d178a4d1UL, 0x002cc64973bcfd8cUL],
        [0xcea721cce82fb11bUL, 0xe5b55eb8098ece81UL, 0x4e30525c6f1ddd66UL, 0x43c6702827070987UL, 0xaca68430a7b5762aUL, 0x3674238634df9c93UL, 0x88cee1c825e33433UL, 0xde99ae8d74b57176UL],
    ];

    public static readonly ulong[] Internal =
    [
        0x488897d85ff51f56UL, 0x1140737ccb162218UL, 0xa7eeb9215866ed35UL, 0x9bd2976fee49fcc9UL,
        0xc0c8f0de580a3fccUL, 0x4fb2dae6ee8fc793UL, 0x343a89f35f37395bUL, 0x223b525a77ca72c8UL,
        0x56ccb62574aaa918UL, 0xc4d507d8027af9edUL, 0xa080673cf0b7e95cUL, 0xf0184884eb70dcf8UL,
        0x044f10b0cb3d5c69UL, 0xe9e3f7993938f186UL, 0x1b761c80e772f459UL, 0x606cec607a1b5facUL,
        0x14a0c2e1d45f03cdUL, 0x4eace8855398574fUL, 0xf905ca7103eff3e6UL, 0xf8c8f8d20862c059UL,
        0xb524fe8bdd678e5aUL, 0xfbb7865901a1ec41UL,
    ];

    public static readonly ulong[][] ExternalFinal =
    [
        [0x014ef1197d341346UL, 0x9725e20825d07394UL, 0xfdb25aef2c5bae3bUL, 0xbe5402dc598c971eUL, 0x93a5711f04cdca3dUL, 0xc45a9a5b2f8fb97bUL, 0xfe8946a924933545UL, 0x2af997a27369091cUL],
        [0xaa62c88e0b294011UL, 0x058eb9d810ce9f74UL, 0xb3cb23eced349ae4UL, 0xa3648177a77b4a84UL, 0x43153d905992d95dUL, 0xf4e2a97cda44aa4bUL, 0x5baa2702b908682fUL, 0x082923bdf4f750d1UL],
        [0x98ae09a325893803UL, 0xf8a6475077968838UL, 0xceb0735bf00b2c5fUL, 0x0a1a5d953888e072UL, 0x2fcb190489f94475UL, 0xb5be06270dec69fcUL, 0x739cb934b09acf8bUL, 0x537750b75ec7f25bUL],
        [0xe9dd318bae1f3961UL, 0xf7462137299efe1aUL, 0xb1f6b8eee9adb940UL, 0xbdebcc8a809dfe6bUL, 0x40fc1f791b178113UL, 0x3ac1c3362d014864UL, 0x9a016184bdb8aebaUL, 0x95f2394459fbc25eUL],
    ];
}
