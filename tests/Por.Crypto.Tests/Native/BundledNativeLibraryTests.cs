// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Por.Crypto.Native;

namespace Por.Crypto.Tests.Native;

public sealed class BundledNativeLibraryTests
{
    /// <summary>
    /// After a call into each library, every mapping of libsecp256k1 and libsodium in this process comes from the
    /// app's own folder (runtimes/&lt;rid&gt;/native, copied from the NuGet packages), never from /usr/lib: the
    /// Debian packages are not needed, and an installed system copy is not picked up instead.
    /// </summary>
    [Fact]
    public void Libraries_AfterUse_MappedFromAppFolderOnly()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/maps exists on Linux only");
        _ = Secp256k1.CreatePublicKey(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003"), compressed: true);
        _ = Ed25519.Sign(new byte[32], "m"u8);

        var paths = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6)
            .Select(fields => fields[5].Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var secp = paths.Where(p => Path.GetFileName(p).StartsWith("libsecp256k1", StringComparison.Ordinal)).ToArray();
        var sodium = paths.Where(p => Path.GetFileName(p).StartsWith("libsodium", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(secp);
        Assert.NotEmpty(sodium);
        Assert.All(secp.Concat(sodium), p => Assert.StartsWith(AppContext.BaseDirectory, p, StringComparison.Ordinal));
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libsecp256k1.so"), secp);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libsodium.so"), sodium);
    }

    [Fact]
    public void Secp256k1_Missing_NamesPlatformFileAndFolder()
    {
        using (NativeLibraryGate.SimulateMissing())
        {
            var ex = Assert.Throws<NativeLibraryUnavailableException>(Secp256k1.EnsureAvailable);
            AssertMessage(ex, "libsecp256k1", Secp256k1.FileName, "Secp256k1.Net");
        }
    }

    [Fact]
    public void Ed25519_Missing_NamesPlatformFileAndFolder()
    {
        using (NativeLibraryGate.SimulateMissing())
        {
            var ex = Assert.Throws<NativeLibraryUnavailableException>(() => Ed25519.Verify("m"u8, new byte[64], new byte[32]));
            AssertMessage(ex, "libsodium", Ed25519.FileName, "libsodium");
        }
    }

    [Fact]
    public void FileName_ThisPlatform_MatchesPackageLayout()
    {
        var (secp, sodium) = OperatingSystem.IsWindows() ? ("secp256k1.dll", "libsodium.dll")
            : OperatingSystem.IsMacOS() ? ("libsecp256k1.dylib", "libsodium.dylib")
            : ("libsecp256k1.so", "libsodium.so");
        Assert.Equal(secp, Secp256k1.FileName);
        Assert.Equal(sodium, Ed25519.FileName);
    }

    [Fact]
    public void Missing_UnbundledPlatform_SaysToInstallTheLibrary()
    {
        var ex = BundledNativeLibrary.Missing("libsecp256k1", "libsecp256k1.so", "Secp256k1.Net", new DllNotFoundException("x"), "freebsd-x64");
        Assert.Contains("has no build for freebsd-x64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("recovery, extrakeys and schnorrsig", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertMessage(NativeLibraryUnavailableException ex, string library, string fileName, string package)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        Assert.StartsWith($"{library} is not installed: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("runtimes", rid, "native", fileName), ex.Message, StringComparison.Ordinal);
        Assert.Contains(AppContext.BaseDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"republish por for {rid}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(package, ex.Message, StringComparison.Ordinal);
        Assert.IsType<DllNotFoundException>(ex.InnerException);
    }
}
