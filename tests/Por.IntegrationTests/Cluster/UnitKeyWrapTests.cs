// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Cluster;
using Por.Common;
using Por.Testing;

namespace Por.IntegrationTests.Cluster;

/// <summary>The per-lease unit-key wrap and the worker key files (no database).</summary>
public sealed class UnitKeyWrapTests
{
    private static readonly Guid s_run = Guid.CreateVersion7();

    [Fact]
    public void Wrap_OpensOnlyForTheWorkerRunBatchAndLeaseItWasMadeFor()
    {
        using var worker = WorkerKey.Generate();
        using var other = WorkerKey.Generate();
        byte[] unitKey = RandomNumberGenerator.GetBytes(32);
        byte[] wrapped = UnitKeyWrap.Wrap(unitKey, worker.PublicKey, s_run, 3, 17);

        Assert.True(UnitKeyWrap.TryUnwrap(wrapped, worker, s_run, 3, 17, out byte[] opened));
        Assert.Equal(unitKey, opened);
        Assert.False(UnitKeyWrap.TryUnwrap(wrapped, other, s_run, 3, 17, out _));
        Assert.False(UnitKeyWrap.TryUnwrap(wrapped, worker, Guid.CreateVersion7(), 3, 17, out _));
        Assert.False(UnitKeyWrap.TryUnwrap(wrapped, worker, s_run, 4, 17, out _));
        Assert.False(UnitKeyWrap.TryUnwrap(wrapped, worker, s_run, 3, 18, out _));
        for (int i = 0; i < wrapped.Length; i++)
        {
            byte[] flipped = [.. wrapped];
            flipped[i] ^= 0x40;
            Assert.False(UnitKeyWrap.TryUnwrap(flipped, worker, s_run, 3, 17, out _));
        }

        // The unit key is not in the wrap, and two wraps of the same key differ (fresh ephemeral key each time).
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(unitKey));
        Assert.NotEqual(wrapped, UnitKeyWrap.Wrap(unitKey, worker.PublicKey, s_run, 3, 17));
    }

    [Fact]
    public void KeyFile_RoundTrips_IsPrivate_AndAMismatchedPublicKeyIsBadInput()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "worker.key");
        using var key = WorkerKey.Generate();
        key.Write(path, overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        using (var read = WorkerKey.Read(path))
        {
            Assert.Equal(key.PublicKey, read.PublicKey);
        }

        using var other = WorkerKey.Generate();
        File.WriteAllText(path, File.ReadAllText(path).Replace(key.PublicKeyHex, other.PublicKeyHex, StringComparison.Ordinal));
        var e = Assert.Throws<InputException>(() => WorkerKey.Read(path));
        Assert.Equal("public_key", e.Field);
    }

    [Fact]
    public void AuthorisedWorkers_RejectsMalformedAndRepeatedKeys_WithTheLine()
    {
        using var dir = new TempDirectory();
        using var key = WorkerKey.Generate();
        string path = Path.Combine(dir.Path, "workers.txt");
        File.WriteAllLines(path, ["# prover fleet", "", key.PublicKeyHex + " node-a"]);
        var list = AuthorisedWorkers.Read(path);
        Assert.True(list.TryGet(key.PublicKey, out string name));
        Assert.Equal("node-a", name);
        using var stranger = WorkerKey.Generate();
        Assert.False(list.TryGet(stranger.PublicKey, out _));

        File.WriteAllLines(path, [key.PublicKeyHex, key.PublicKeyHex.ToUpperInvariant()]);
        Assert.Equal(2, Assert.Throws<InputException>(() => AuthorisedWorkers.Read(path)).Line);
        File.WriteAllLines(path, ["# nothing", key.PublicKeyHex[..62]]);
        Assert.Equal(2, Assert.Throws<InputException>(() => AuthorisedWorkers.Read(path)).Line);
    }
}
