// SPDX-License-Identifier: Apache-2.0

using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using Por.Crypto.Native;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Loads the native libraries that the release NativeAOT build (<c>scripts/release</c>, linux-x64) carries inside the
/// executable itself as gzip-compressed resources named <c>native/FILE.gz</c> (libsecp256k1.so, libsodium.so,
/// libe_sqlite3.so), so that the release binary is one file. Every other build has no such resources and this class does nothing: the
/// libraries are found next to por (a normal build or publish) or extracted by the .NET single-file host
/// (the other release binaries, <c>IncludeNativeLibrariesForSelfExtract</c>).
/// </summary>
/// <remarks>
/// A library is loaded only when a command first calls it (inclusion and round verification call none). Its bytes are
/// written to a new directory that only this user can open (<see cref="Directory.CreateTempSubdirectory"/>, under
/// <c>TMPDIR</c>, which must allow executing mapped files), loaded, and deleted again at once: nothing stays on disk
/// and no file from an earlier run is ever trusted. The embedded copy is preferred to any system copy.
/// </remarks>
internal static class EmbeddedNativeLibraries
{
    /// <summary>The resource name prefix of an embedded native library (Por.Cli.csproj, target PorEmbedNativeLibraries).</summary>
    public const string ResourcePrefix = "native/";

    /// <summary>The resource name suffix of an embedded library: each is stored gzip-compressed.</summary>
    public const string CompressedSuffix = ".gz";

    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, nint> s_loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// Routes the P/Invokes of por's crypto wrappers, NSec and SQLitePCLRaw to the embedded libraries, when this build
    /// has any (Unix only: a loaded library file cannot be deleted on Windows). Call once, before any native call.
    /// </summary>
    public static void Register()
    {
        var self = typeof(EmbeddedNativeLibraries).Assembly;
        var resources = self.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToArray();
        if (resources.Length == 0 || OperatingSystem.IsWindows())
        {
            return;
        }

        DllImportResolver resolver = (name, _, _) => Resolve(self, resources, name);
        NativeLibrary.SetDllImportResolver(typeof(Secp256k1Native).Assembly, resolver);
        NativeLibrary.SetDllImportResolver(typeof(NSec.Cryptography.Key).Assembly, resolver);
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, resolver);
    }

    /// <summary>
    /// The embedded resource (<c>native/FILE.gz</c>) for a P/Invoke library name ("secp256k1", "libsodium",
    /// "e_sqlite3"), if any.
    /// </summary>
    /// <param name="resources">The resource names of the embedded libraries.</param>
    /// <param name="libraryName">The name in the DllImport.</param>
    /// <returns>The resource name, or null when none matches (the runtime then searches as usual).</returns>
    public static string? ResourceFor(IReadOnlyCollection<string> resources, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(libraryName);
        var suffix = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        string[] candidates = [libraryName, $"lib{libraryName}{suffix}", $"{libraryName}{suffix}"];
        return candidates.Select(c => ResourcePrefix + c + CompressedSuffix)
            .FirstOrDefault(c => resources.Contains(c, StringComparer.Ordinal));
    }

    /// <summary>
    /// Loads a native library from its bytes: written to a new private directory, loaded, then deleted (the mapping
    /// stays valid). Returns 0 when the system refuses (e.g. TMPDIR mounted noexec), so that the runtime's usual
    /// search and por's "library is not installed" error follow.
    /// </summary>
    /// <param name="fileName">The library's file name.</param>
    /// <param name="bytes">Its contents.</param>
    /// <returns>The library handle, or 0.</returns>
    public static nint LoadFromBytes(string fileName, Stream bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        DirectoryInfo? directory = null;
        try
        {
            directory = Directory.CreateTempSubdirectory("por-native-");
            var path = Path.Combine(directory.FullName, Path.GetFileName(fileName));
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                bytes.CopyTo(file);
            }

            return NativeLibrary.TryLoad(path, out var handle) ? handle : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
        finally
        {
            try
            {
                directory?.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a directory left behind holds only a copy of a library por carries anyway.
            }
        }
    }

    /// <summary>Loads an embedded library from its resource: <see cref="LoadFromBytes"/> on the gunzipped bytes.</summary>
    /// <param name="resourceName">The resource name, <c>native/FILE.gz</c>.</param>
    /// <param name="compressed">The resource's (gzip) contents.</param>
    /// <returns>The library handle, or 0 (also when the contents are not gzip).</returns>
    public static nint LoadFromCompressed(string resourceName, Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        var fileName = Path.GetFileName(resourceName);
        if (fileName.EndsWith(CompressedSuffix, StringComparison.Ordinal))
        {
            fileName = fileName[..^CompressedSuffix.Length];
        }

        using var bytes = new GZipStream(compressed, CompressionMode.Decompress);
        try
        {
            return LoadFromBytes(fileName, bytes);
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }

    private static nint Resolve(Assembly self, string[] resources, string libraryName)
    {
        var resource = ResourceFor(resources, libraryName);
        if (resource is null)
        {
            return 0;
        }

        lock (s_gate)
        {
            if (!s_loaded.TryGetValue(resource, out var handle))
            {
                using var stream = self.GetManifestResourceStream(resource)!;
                handle = LoadFromCompressed(resource, stream);
                s_loaded[resource] = handle;
            }

            return handle;
        }
    }
}
