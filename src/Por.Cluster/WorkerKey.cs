// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;
using Por.Common;

namespace Por.Cluster;

/// <summary>
/// A proving worker's X25519 key pair (docs/distributed.md, "Secrets in transit"). The coordinator wraps each batch's
/// unit key for the public key of the worker that leased the batch; only the holder of the secret key can unwrap it.
/// File <c>por-worker-key/1</c>: <c>{"format", "public_key", "secret_key"}</c>, keys as 64 lower-case hex digits,
/// written with mode 0600 and never published. The public key alone is what the operator authorises.
/// </summary>
public sealed class WorkerKey : IDisposable
{
    /// <summary>The secret key file's format id.</summary>
    public const string Format = "por-worker-key/1";

    /// <summary>Size of a public key in bytes.</summary>
    public const int PublicKeySize = 32;

    private readonly Key _key;

    private WorkerKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The 32-byte X25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as 64 lower-case hex digits (the form the authorised-workers file lists).</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    /// <summary>The NSec key (for the unwrap).</summary>
    internal Key Key => _key;

    /// <summary>A fresh key pair from the OS CSPRNG (through libsodium).</summary>
    /// <returns>The key.</returns>
    public static WorkerKey Generate() => new(Key.Create(KeyAgreementAlgorithm.X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Reads a <c>por-worker-key/1</c> file and checks that its public key belongs to its secret key.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">The file is malformed, or its public key does not match.</exception>
    public static WorkerKey Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using JsonDocument document = StrictJson.Parse(File.ReadAllBytes(path), path);
        JsonElement root = document.RootElement;
        StrictJson.ExpectObject(root, path, "", ["format", "public_key", "secret_key"]);
        if (!string.Equals(StrictJson.String(root, "format", path, ""), Format, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "format", $"expected \"{Format}\"");
        }

        byte[] publicKey = StrictJson.Hex(root, "public_key", PublicKeySize, path, "");
        byte[] secret = StrictJson.Hex(root, "secret_key", 32, path, "");
        try
        {
            var key = Key.Import(KeyAgreementAlgorithm.X25519, secret, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var worker = new WorkerKey(key);
            if (!CryptographicOperations.FixedTimeEquals(worker.PublicKey, publicKey))
            {
                worker.Dispose();
                throw new InputException(path, 0, "public_key", "does not belong to secret_key");
            }

            return worker;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Writes the key file (mode 0600, atomically).</summary>
    /// <param name="path">The file.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void Write(string path, bool overwrite)
    {
        byte[] secret = _key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", Format);
                w.WriteString("public_key", PublicKeyHex);
                w.WriteString("secret_key", Convert.ToHexStringLower(secret));
                w.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), privateFile: true, overwrite);
            CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>A short name for logs and progress: the first 8 bytes of SHA-256(public key), hex.</summary>
    /// <param name="publicKey">The public key.</param>
    /// <returns>16 hex digits.</returns>
    public static string Fingerprint(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
