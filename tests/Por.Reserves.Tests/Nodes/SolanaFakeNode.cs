// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Nodes;

/// <summary>
/// A Solana JSON-RPC node on loopback answering with the recorded results of testdata/nodes/solana-rpc.json. The
/// snapshot is the recorded getLatestBlockhash pair (slot 2792); by default every other answer's context.slot is set
/// to it (a node held at the snapshot slot) and the genesis is mainnet-beta's; tests replace single answers.
/// </summary>
internal sealed class SolanaFakeNode : IDisposable
{
    public const long Slot = 2792;
    public const string Blockhash = "EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N";
    public const string Owner = "A1TMhSGzQxMr1TboBKtgixKz1sS6REASMxPo1qsyTSJd";
    public const string Mint = "2cHr7QS3xfuSV8wdxo3ztuF4xbiarF6Nrgx3qpx3HzXR";
    public const string DevnetGenesis = "EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG";
    public const string TestnetGenesis = "4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY";

    private static readonly JsonElement s_recorded = TestData.Json("nodes/solana-rpc.json");

    private readonly FakeNodeServer _server;

    public SolanaFakeNode()
    {
        _server = new FakeNodeServer(Handle);
    }

    public Uri Url => _server.Url;

    /// <summary>Results by method; a value starting with "error:" is answered as that JSON-RPC error object.</summary>
    public ConcurrentDictionary<string, string> Results { get; } = new(StringComparer.Ordinal)
    {
        ["getGenesisHash"] = JsonSerializer.Serialize(KnownChains.SolanaMainnetGenesis),
        ["getSlot"] = Recorded("getSlot"),
        ["getLatestBlockhash"] = Recorded("getLatestBlockhash"),
        ["getBalance"] = AtSlot(Recorded("getBalance"), Slot),
        ["getTokenAccountsByOwner"] = AtSlot(Recorded("getTokenAccountsByOwner"), Slot),
        ["getTokenSupply"] = AtSlot(Recorded("getTokenSupply"), Slot),
    };

    /// <summary>getLatestBlockhash answers in order before <see cref="Results"/> is used (a bank that moves).</summary>
    public ConcurrentQueue<string> BlockhashSequence { get; } = new();

    /// <summary>Params of every call, in order.</summary>
    public ConcurrentQueue<(string Method, JsonElement Params)> Calls { get; } = new();

    public static string Recorded(string name) => s_recorded.GetProperty(name).GetRawText();

    /// <summary>A recorded RpcResponse with its context.slot set.</summary>
    public static string AtSlot(string result, long slot) => With(result, n => n["context"]!["slot"] = slot);

    /// <summary>A recorded result with a change applied.</summary>
    public static string With(string result, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(result)!;
        change(node);
        return node.ToJsonString();
    }

    /// <summary>A copy of the recorded token account with another pubkey, amount and state (and optionally program).</summary>
    public static JsonNode TokenAccount(string pubkey, string amount, string state = "initialized", bool token2022 = false, string owner = Owner, string mint = Mint)
    {
        var account = JsonNode.Parse(Recorded("getTokenAccountsByOwner"))!["value"]![0]!.DeepClone();
        account["pubkey"] = pubkey;
        var info = account["account"]!["data"]!["parsed"]!["info"]!;
        info["tokenAmount"]!["amount"] = amount;
        info["state"] = state;
        info["owner"] = owner;
        info["mint"] = mint;
        if (token2022)
        {
            account["account"]!["owner"] = Por.Reserves.Nodes.SolanaNode.Token2022Program;
            account["account"]!["data"]!["program"] = "spl-token-2022";
        }

        return account;
    }

    /// <summary>A getTokenAccountsByOwner result at the snapshot slot listing the given accounts.</summary>
    public static string TokenAccounts(params JsonNode[] accounts) =>
        With(AtSlot(Recorded("getTokenAccountsByOwner"), Slot), n => n["value"] = new JsonArray(accounts));

    public void Dispose() => _server.Dispose();

    private FakeResponse Handle(string path, string body)
    {
        var method = FakeNodeServer.MethodOf(body);
        Calls.Enqueue((method, FakeNodeServer.ParamsOf(body)));
        string? result;
        if (string.Equals(method, "getLatestBlockhash", StringComparison.Ordinal) && BlockhashSequence.TryDequeue(out var next))
        {
            result = next;
        }
        else if (!Results.TryGetValue(method, out result))
        {
            return FakeNodeServer.RpcError(-32601, "Method not found");
        }

        return result.StartsWith("error:", StringComparison.Ordinal)
            ? new FakeResponse(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":" + result["error:".Length..] + "}", TimeSpan.Zero)
            : FakeNodeServer.Result(result);
    }
}
