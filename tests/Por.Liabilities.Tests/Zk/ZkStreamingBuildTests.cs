// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// The streaming zk build (docs/liabilities-zk.md §7): two passes over the snapshot with a compact index, one batch in
/// memory, resume between batches, a snapshot that changes between the passes, duplicate ids through hash collisions.
/// </summary>
public sealed class ZkStreamingBuildTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;

    [Fact]
    public void Build_FirstPass_CollectorKeepsOnlyTheCompactIndex()
    {
        using var dir = new TempDirectory();
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(40));
        ZkAccountCollector? seen = null;
        var hooks = new ZkBuildHooks { AfterIndex = c => seen = c, AfterFirstPass = () => throw new StopException() };
        Assert.Throws<StopException>(() => Build(csv, dir.File("round"), hooks));
        Assert.NotNull(seen);
        Assert.Equal(40, seen.Count);
        Assert.Equal(40, seen.IdHashes.Count);
        Assert.Equal(TestRounds.Accounts(40).Select(a => (ushort)a.Balances.Count(v => v != 0)), seen.HoldingCounts);

        // Nothing of an id or a holding is kept: every field is a fixed-size value or one of these (a test that adds a
        // list of ids or holdings to the collector fails here).
        Type[] allowed =
        [
            typeof(AssetTable), typeof(ulong[]), typeof(Func<ReadOnlySpan<byte>, ulong>), typeof(List<ulong>), typeof(List<ushort>),
            typeof(ZkAccountStreamDigest), typeof(Action<long>), typeof((int, string, long)), typeof(int),
        ];
        foreach (var field in typeof(ZkAccountCollector).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            Assert.Contains(field.FieldType, allowed);
        }

        Assert.Equal(Directory.GetFileSystemEntries(dir.Path).Order(StringComparer.Ordinal), [csv]);
    }

    [Fact]
    public void BatchList_ReadsEachBatchFromDiskAndKeepsNone()
    {
        using var dir = new TempDirectory();
        var header = new ZkOpeningsHeader(s_set.Id, new byte[32], 3, s_set.AccountsPerBatch, TestRounds.Assets.Count);
        var path = dir.File("openings.bin");
        var leaves = Enumerable.Range(0, 3 * 5).Select(i => Opening($"a{i}")).ToArray();
        var batches = Enumerable.Range(0, 3).Select(b => ZkBatchAssignment.Finish([.. leaves.Skip(5 * b).Take(5)], s_set.AccountsPerBatch)).ToArray();
        ZkOpeningsFile.Write(path, header, batches);

        var asked = new List<int>();
        using var list = new ZkOpeningsBatchList(path, header, asked.Add);
        Assert.Equal(3, list.Count);
        var weak = TakeWeakly(list, 1, batches[1]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(weak.IsAlive, "the list kept a batch it handed out");
        Assert.Equal(batches[0].Select(o => o.Leaf()), list[0].Select(a => ZkAccountEncoding.Leaf(a.IdCommitment, a.Holdings)));
        Assert.Equal(batches[2].Select(o => o.Leaf()), list[2].Select(a => ZkAccountEncoding.Leaf(a.IdCommitment, a.Holdings)));
        Assert.Equal([1, 0, 2], asked);
    }

    [Fact]
    public void Build_KilledBetweenBatches_ResumesWithTheSameOpeningsAndFinishedBatches()
    {
        using var dir = new TempDirectory();
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(40));
        var output = dir.File("round");
        var work = ZkRoundBuilder.PartialPath(output);
        Assert.Throws<StopException>(() => Build(csv, output, new ZkBuildHooks { BeforeBatch = b => { if (b == 1) { throw new StopException(); } } }));
        var openings = File.ReadAllBytes(Path.Combine(work, ZkBundleLayout.Openings));
        Assert.True(File.Exists(Path.Combine(work, ZkBundleLayout.Statement(0))));
        Assert.False(File.Exists(Path.Combine(work, ZkBundleLayout.Statement(1))));
        Assert.False(Directory.Exists(Path.Combine(work, ZkBundleLayout.Spill)));

        var result = Build(csv, output, null);
        Assert.Equal((2, 1), (result.BatchesProven, result.BatchesResumed));
        Assert.Equal(openings, File.ReadAllBytes(Path.Combine(output, ZkBundleLayout.Openings)));
        Assert.True(ZkRoundBundleVerifier.Verify(output, allowTestParameters: true).IsValid);
        Assert.False(Directory.Exists(work));
    }

    [Fact]
    public void Build_ResumeWithAnotherSnapshot_Refused()
    {
        using var dir = new TempDirectory();
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(20));
        var output = dir.File("round");
        Assert.Throws<StopException>(() => Build(csv, output, new ZkBuildHooks { BeforeBatch = _ => throw new StopException() }));

        // Same ids and holding counts, one amount changed: only the openings' set digest tells them apart.
        var changed = TestRounds.Accounts(20);
        changed[7].Balances[changed[7].Balances.ToList().FindIndex(v => v != 0)] += 1;
        TestRounds.WriteCsv(dir, changed);
        var e = Assert.Throws<InputException>(() => Build(csv, output, null));
        Assert.Contains("interrupted build of other inputs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("extra")]
    [InlineData("order")]
    public void Build_SnapshotChangedBetweenPasses_RejectedAndNothingLeft(string change)
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(30);
        var csv = TestRounds.WriteCsv(dir, accounts);
        var output = dir.File("round");
        var hooks = new ZkBuildHooks
        {
            AfterFirstPass = () =>
            {
                var modified = TestRounds.Accounts(30);
                switch (change)
                {
                    case "amount":
                        modified[29].Balances[modified[29].Balances.ToList().FindIndex(v => v != 0)] += 1;
                        break;
                    case "extra":
                        modified.Add(("late", [1, 0, 0]));
                        break;
                    default:
                        (modified[3], modified[4]) = (modified[4], modified[3]);
                        break;
                }

                TestRounds.WriteCsv(dir, modified);
            },
        };
        var e = Assert.Throws<InputException>(() => Build(csv, output, hooks));
        Assert.Equal(csv, e.File);
        Assert.Contains("snapshot changed while the round was being built", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)));
    }

    [Fact]
    public void Build_DuplicateIdFarApart_RejectedNamingBothLines()
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(50);
        accounts[45] = (accounts[2].Id, accounts[45].Balances);
        var csv = TestRounds.WriteCsv(dir, accounts);
        var e = Assert.Throws<InputException>(() => Build(csv, dir.File("round"), null));
        Assert.Equal("account_id", e.Field);
        Assert.Equal(LineOf(csv, accounts[45].Id, 2), e.Line);
        Assert.Contains($"already given at {csv}:{LineOf(csv, accounts[2].Id, 1)}", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(dir.File("round"))));
    }

    [Fact]
    public void Build_EveryIdHashCollides_DistinctIdsAcceptedAndDuplicatesRejectedExactly()
    {
        using var dir = new TempDirectory();
        Func<ReadOnlySpan<byte>, ulong> constant = _ => 42;

        // Distinct ids whose hashes all collide pass the first pass (the exact re-check clears them)...
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(25));
        Assert.Throws<StopException>(() => Build(csv, dir.File("round"), new ZkBuildHooks { IdHash = constant, AfterFirstPass = () => throw new StopException() }));

        // ...and still build a valid round.
        var result = Build(csv, dir.File("round"), new ZkBuildHooks { IdHash = constant });
        Assert.True(ZkRoundBundleVerifier.Verify(dir.File("round"), allowTestParameters: true).IsValid);
        Assert.Equal(2, result.Manifest.Header.BatchCount);

        // A repeated id among them is rejected at its second place.
        var accounts = TestRounds.Accounts(25);
        accounts[20] = (accounts[11].Id, accounts[20].Balances);
        var duplicated = TestRounds.WriteCsv(dir, accounts, "dup.csv");
        var e = Assert.Throws<InputException>(() => Build(duplicated, dir.File("dup"), new ZkBuildHooks { IdHash = constant }));
        Assert.Equal(LineOf(duplicated, accounts[11].Id, 2), e.Line);
        Assert.Contains("duplicate account id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PrivateFilesOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDirectory();
        var output = dir.File("round");
        Build(TestRounds.WriteCsv(dir, TestRounds.Accounts(5)), output, null);
        const UnixFileMode Directory700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(Directory700, File.GetUnixFileMode(Path.Combine(output, ZkBundleLayout.PrivateDirectory)));
        Assert.Equal(Directory700, File.GetUnixFileMode(Path.Combine(output, ZkBundleLayout.ChainOpenings)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, ZkBundleLayout.Openings)));
    }

    internal static ZkRoundBuildResult Build(string csv, string output, ZkBuildHooks? hooks) =>
        ZkRoundBuilder.Build(
            new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "2026-11", TestRounds.Time, output), s_set, allowTestParameters: true, progress: null, hooks, CancellationToken.None);

    private static ZkOpening Opening(string name)
    {
        var id = Encoding.UTF8.GetBytes(name);
        var salt = new byte[ZkAccountEncoding.SaltSize];
        salt[0] = (byte)name.Length;
        return new ZkOpening(id, salt, ZkAccountEncoding.IdCommitment(id, salt), [new Holding(1, 5)]);
    }

    private static WeakReference TakeWeakly(ZkOpeningsBatchList list, int b, ZkOpening[] expected)
    {
        var batch = list[b];
        Assert.Equal(expected.Select(o => o.Leaf()), batch.Select(a => ZkAccountEncoding.Leaf(a.IdCommitment, a.Holdings)));
        return new WeakReference(batch);
    }

    /// <summary>The 1-based line of the <paramref name="occurrence"/>-th account starting with <paramref name="id"/>.</summary>
    private static long LineOf(string csv, string id, int occurrence)
    {
        var lines = File.ReadAllLines(csv);
        var seen = 0;
        string? previous = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var current = lines[i].Split(',')[0];
            if (current == id && previous != id && ++seen == occurrence)
            {
                return i + 1;
            }

            previous = current;
        }

        throw new InvalidOperationException($"{id} not found");
    }

    private sealed class StopException : Exception;
}
