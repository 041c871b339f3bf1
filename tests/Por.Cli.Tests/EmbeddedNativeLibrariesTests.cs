// SPDX-License-Identifier: Apache-2.0

using System.IO.Compression;
using System.Runtime.InteropServices;
using Por.Cli.Infrastructure;

namespace Por.Cli.Tests;

/// <summary>
/// The loader of the native libraries that the linux-x64 release binary carries inside itself
/// (<see cref="EmbeddedNativeLibraries"/>). The binary itself is checked end to end by scripts/release and
/// .ci/aot-check (alone in a directory, system copies hidden); these tests pin the pieces it is made of.
/// </summary>
public sealed class EmbeddedNativeLibrariesTests
{
    private static readonly string s_suffix = OperatingSystem.IsMacOS() ? ".dylib" : ".so";

    [Fact]
    public void ResourceFor_MapsEachDllImportNameToItsEmbeddedFile()
    {
        string[] resources = [$"native/libsecp256k1{s_suffix}.gz", $"native/libsodium{s_suffix}.gz", $"native/libe_sqlite3{s_suffix}.gz"];

        // The names in Secp256k1Native, NSec's interop and SQLitePCLRaw's provider.
        Assert.Equal($"native/libsecp256k1{s_suffix}.gz", EmbeddedNativeLibraries.ResourceFor(resources, "secp256k1"));
        Assert.Equal($"native/libsodium{s_suffix}.gz", EmbeddedNativeLibraries.ResourceFor(resources, "libsodium"));
        Assert.Equal($"native/libe_sqlite3{s_suffix}.gz", EmbeddedNativeLibraries.ResourceFor(resources, "e_sqlite3"));

        // Anything else is left to the runtime's usual search; so is an uncompressed resource, which no build embeds.
        Assert.Null(EmbeddedNativeLibraries.ResourceFor(resources, "libc"));
        Assert.Null(EmbeddedNativeLibraries.ResourceFor(resources, "sodium_extra"));
        Assert.Null(EmbeddedNativeLibraries.ResourceFor([$"native/libsodium{s_suffix}"], "libsodium"));
    }

    [Fact]
    public void LoadFromCompressed_GunzipsTheResourceAndLoadsTheLibrary()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the release build embeds libraries only on Unix");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var library = File.OpenRead(BundledCopy($"libsodium{s_suffix}")))
        {
            library.CopyTo(gzip);
        }

        compressed.Position = 0;
        var before = LeftOver();
        AssertLoadedSodium_AndNothingLeft(EmbeddedNativeLibraries.LoadFromCompressed($"native/libsodium{s_suffix}.gz", compressed), before);
    }

    [Fact]
    public void LoadFromCompressed_AnUncompressedLibrary_ReturnsZeroAndLeavesNothingOnDisk()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the release build embeds libraries only on Unix");
        var before = LeftOver();
        using var library = File.OpenRead(BundledCopy($"libsodium{s_suffix}"));

        Assert.Equal(0, EmbeddedNativeLibraries.LoadFromCompressed($"native/libsodium{s_suffix}.gz", library));
        Assert.Equal(before, LeftOver());
    }

    [Fact]
    public void Register_InANormalBuild_HasNothingToEmbedAndLeavesTheSearchAlone()
    {
        // Test and normal builds carry no native/ resources: the libraries come from runtimes/<rid>/native.
        Assert.DoesNotContain(
            typeof(EmbeddedNativeLibraries).Assembly.GetManifestResourceNames(),
            n => n.StartsWith(EmbeddedNativeLibraries.ResourcePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFromBytes_LoadsTheLibraryAndLeavesNothingOnDisk()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the release build embeds libraries only on Unix");
        var path = BundledCopy($"libsodium{s_suffix}");
        var before = LeftOver();

        nint handle;
        using (var bytes = File.OpenRead(path))
        {
            handle = EmbeddedNativeLibraries.LoadFromBytes($"libsodium{s_suffix}", bytes);
        }

        AssertLoadedSodium_AndNothingLeft(handle, before);
    }

    // The handle is libsodium (it exports a function we call), and loading left no file behind; frees the handle.
    private static void AssertLoadedSodium_AndNothingLeft(nint handle, string[] before)
    {
        try
        {
            Assert.NotEqual(0, handle);
            Assert.True(NativeLibrary.TryGetExport(handle, "crypto_sign_ed25519_verify_detached", out _));
            Assert.Equal(before, LeftOver());
        }
        finally
        {
            if (handle != 0)
            {
                NativeLibrary.Free(handle);
            }
        }
    }

    [Fact]
    public void LoadFromBytes_BytesThatAreNotALibrary_ReturnZeroAndLeaveNothingOnDisk()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the release build embeds libraries only on Unix");
        var before = LeftOver();
        using var bytes = new MemoryStream("not a shared library"u8.ToArray());

        Assert.Equal(0, EmbeddedNativeLibraries.LoadFromBytes($"libsodium{s_suffix}", bytes));
        Assert.Equal(before, LeftOver());
    }

    private static string BundledCopy(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", fileName);
        Assert.True(File.Exists(path), $"the test output has no {path}");
        return path;
    }

    // The loader's private directories left in the temp folder (none, if it cleans up).
    private static string[] LeftOver() =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "por-native-*").Order(StringComparer.Ordinal)];
}
