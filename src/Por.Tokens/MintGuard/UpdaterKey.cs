// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Crypto.Native;
using Por.Reserves.Evm;

namespace Por.Tokens.MintGuard;

/// <summary>
/// The reserve feed updater's secp256k1 key: a file holding the 32-byte secret key as 64 hex digits (an optional 0x
/// and a trailing newline allowed), readable by its owner only (mode 0600 or stricter; anything else is refused).
/// </summary>
internal sealed class UpdaterKey
{
    private readonly byte[] _secret;

    private UpdaterKey(byte[] secret, byte[] address)
    {
        _secret = secret;
        Address = address;
    }

    /// <summary>The key's 20-byte EVM address.</summary>
    public byte[] Address { get; }

    /// <summary>The address, EIP-55 checksummed.</summary>
    public string AddressText => EvmAddress.ToChecksum(Address);

    /// <summary>The secret key, for signing.</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Builds a key from its 32 secret bytes.</summary>
    /// <exception cref="ArgumentException">Not a valid secp256k1 secret key.</exception>
    public static UpdaterKey FromSecret(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var publicKey = Secp256k1.CreatePublicKey(secret, compressed: false);
        return new UpdaterKey([.. secret], EvmAddress.FromPublicKey(publicKey));
    }

    /// <summary>Reads a key file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">The file is missing, readable by group or others, or holds no valid key.</exception>
    public static UpdaterKey Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "the updater key file does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & Others) != UnixFileMode.None)
            {
                throw new InputException(path, 0, "", $"the updater key file is accessible to group or Others (mode {Convert.ToString((int)mode, 8)}): chmod 600 it");
            }
        }

        var text = File.ReadAllText(path).Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length != 64 || !text.All(Uri.IsHexDigit))
        {
            throw new InputException(path, 1, "", "expected the secret key as 64 hex digits");
        }

        try
        {
            return FromSecret(Convert.FromHexString(text));
        }
        catch (ArgumentException)
        {
            throw new InputException(path, 1, "", "not a valid secp256k1 secret key");
        }
    }
}
