// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Por.Crypto.Native;

/// <summary>
/// Names a native library that por ships from a NuGet package, and the environment error raised when it does not
/// load: which file for this platform, where it was expected, and what to do about it.
/// </summary>
internal static class BundledNativeLibrary
{
    // RIDs for which both packages (Secp256k1.Net 2.0.0, libsodium 1.0.22) ship a build.
    private static readonly string[] s_bundledRids =
        ["linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"];

    /// <summary>The platform's file name for a library whose Unix file name is lib<paramref name="baseName"/>.</summary>
    /// <param name="baseName">"secp256k1" or "sodium".</param>
    /// <param name="windowsName">The Windows DLL name (the packages differ: secp256k1.dll, libsodium.dll).</param>
    /// <returns>The file name the loader looks for on this OS.</returns>
    public static string FileName(string baseName, string windowsName) =>
        OperatingSystem.IsWindows() ? windowsName
        : OperatingSystem.IsMacOS() ? $"lib{baseName}.dylib"
        : $"lib{baseName}.so";

    /// <summary>Builds the environment error for a bundled library that did not load.</summary>
    /// <param name="library">"libsecp256k1" or "libsodium".</param>
    /// <param name="fileName">The platform's file name (<see cref="FileName"/>).</param>
    /// <param name="package">The NuGet package that ships it.</param>
    /// <param name="inner">The loader's error.</param>
    /// <param name="rid">The runtime identifier (this process's unless a test passes another).</param>
    /// <returns>The exception.</returns>
    public static NativeLibraryUnavailableException Missing(string library, string fileName, string package, Exception inner, string? rid = null)
    {
        rid ??= RuntimeInformation.RuntimeIdentifier;
        var baseDirectory = AppContext.BaseDirectory;
        var expected = $"{Path.Combine("runtimes", rid, "native", fileName)} or {fileName} in {baseDirectory}";
        var advice = Array.Exists(s_bundledRids, r => string.Equals(r, rid, StringComparison.Ordinal))
            ? $"rebuild or republish por for {rid} so that the {package} package's copy is deployed with it"
            : $"the {package} package has no build for {rid}; install {library} where the system loader finds it"
              + (string.Equals(library, "libsecp256k1", StringComparison.Ordinal) ? " (built with the recovery, extrakeys and schnorrsig modules)" : string.Empty);
        return new NativeLibraryUnavailableException(
            $"{library} is not installed: por loads the {fileName} bundled for {rid} ({expected}), which is missing or unusable; {advice}.",
            inner);
    }
}
