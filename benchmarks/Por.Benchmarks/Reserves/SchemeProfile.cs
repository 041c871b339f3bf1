// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Reserves;

namespace Por.Benchmarks.Reserves;

/// <summary>Single-threaded cost per scheme (µs per verification): <c>-- reserves-profile [rows]</c>.</summary>
internal static class SchemeProfile
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000;
        var declaration = ReserveWorkload.Build(rows);
        ProfileParse(declaration);
        ProfileNative();
        foreach (var group in declaration.Rows.GroupBy(r => r.Scheme))
        {
            var list = group.ToList();
            foreach (var row in list.Take(50))
            {
                OwnershipVerifier.Verify(row, ChallengeMessage.For(declaration, row));
            }

            var watch = Stopwatch.StartNew();
            foreach (var row in list)
            {
                if (OwnershipVerifier.Verify(row, ChallengeMessage.For(declaration, row)) is not { IsValid: true })
                {
                    return 1;
                }
            }

            Console.WriteLine($"{group.Key}: {watch.Elapsed.TotalMicroseconds / list.Count:F1} µs per row ({list.Count} rows)");
        }

        return 0;
    }

    private static void ProfileParse(ReserveDeclaration declaration)
    {
        var bytes = ReserveDeclarationParser.Write(declaration);
        for (var round = 0; round < 3; round++)
        {
            var parseWatch = Stopwatch.StartNew();
            using (var document = System.Text.Json.JsonDocument.Parse(bytes))
            {
                Console.WriteLine($"JsonDocument.Parse: {parseWatch.Elapsed.TotalMilliseconds:F0} ms");
            }

            parseWatch.Restart();
            var reader = new System.Text.Json.Utf8JsonReader(bytes);
            while (reader.Read())
            {
            }

            Console.WriteLine($"Utf8JsonReader scan: {parseWatch.Elapsed.TotalMilliseconds:F0} ms");
            parseWatch.Restart();
            _ = ReserveDeclarationParser.Parse(bytes, "x");
            Console.WriteLine($"ReserveDeclarationParser.Parse: {parseWatch.Elapsed.TotalMilliseconds:F0} ms for {bytes.Length / 1e6:F1} MB");
        }
    }

    private static void ProfileNative()
    {
        var digest = new byte[32];
        digest[0] = 1;
        var (signature, recoveryId) = Por.Crypto.Native.Secp256k1.SignRecoverable(digest, digest);
        var (edSignature, edKey) = Por.Crypto.Native.Ed25519.Sign(digest, digest);
        for (var round = 0; round < 2; round++)
        {
            var floor = Stopwatch.StartNew();
            for (var i = 0; i < 4000; i++)
            {
                _ = Por.Crypto.Native.Secp256k1.RecoverPublicKey(digest, signature, recoveryId, compressed: true);
            }

            Console.WriteLine($"libsecp256k1 recover alone: {floor.Elapsed.TotalMicroseconds / 4000:F1} µs");
            floor.Restart();
            for (var i = 0; i < 4000; i++)
            {
                _ = Por.Crypto.Native.Ed25519.Verify(digest, edSignature, edKey);
            }

            Console.WriteLine($"libsodium ed25519 verify alone: {floor.Elapsed.TotalMicroseconds / 4000:F1} µs");
        }
    }
}
