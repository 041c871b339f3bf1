// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using Microsoft.FSharp.Core;

namespace Por.Testing;

/// <summary>FsCheck configurations with a fixed seed, so property runs are reproducible.</summary>
public static class Seeded
{
    public static Config Config(int maxTest, ulong seed = 20261121) =>
        FsCheck.Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
}
