// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Tron;
using Por.Testing;

namespace Por.Reserves.Tests.Nodes;

/// <summary>
/// A java-tron full-node HTTP API on loopback answering with the recorded responses of testdata/nodes/tron-nile.json
/// (Nile block 66987565); tests replace single answers to build each case.
/// </summary>
internal sealed class TronFakeNode : IDisposable
{
    public const long Height = 66987565;
    public const string Hash = "0000000003fe262d52bfa4b2814f816fd2e57af5b98a33d60d8630a03a908e0e";
    public const string NileGenesis = "0000000000000000d698d4192c56cb6be724a558448e2684802de4d6cd8690dc";
    public const string ShastaGenesis = "0000000000000000de1aa88295e1fcf982742f773e0419c5a9c134c994a9059e";

    private static readonly JsonElement s_recorded = TestData.Json("nodes/tron-nile.json");

    private readonly FakeNodeServer _server;

    public TronFakeNode()
    {
        _server = new FakeNodeServer(Handle);
    }

    /// <summary>The account of the recorded getaccountbalance and balanceOf answers.</summary>
    public static string Holder => TronSignature.FormatAddress(Convert.FromHexString("dd791d6b49e190062d650e6a23c575510d35f2f9"));

    /// <summary>The TRC-20 contract of the recorded balanceOf answer (Nile USDT).</summary>
    public static string Usdt => TronSignature.FormatAddress(Convert.FromHexString("eca9bc828a3005b9a3b909f2cc5c2a54794de05f"));

    public Uri Url => _server.Url;

    public string Genesis { get; set; } = Recorded("genesis-nile");

    /// <summary>getblockbynum for the snapshot height (other heights answer "{}").</summary>
    public string Block { get; set; } = Recorded("getblockbynum-66987565");

    /// <summary>getnowblock answers in order; the last one repeats. Default: held at the snapshot block.</summary>
    public ConcurrentQueue<string> Heads { get; } = new([Recorded("getblockbynum-66987565")]);

    public string BlockBalance { get; set; } = Recorded("getblockbalance-66987565");

    public string AccountBalance { get; set; } = Recorded("getaccountbalance-66987565");

    /// <summary>triggerconstantcontract answers by function selector.</summary>
    public Dictionary<string, string> Constants { get; } = new(StringComparer.Ordinal)
    {
        ["balanceOf(address)"] = Recorded("triggerconstantcontract-balanceOf"),
        ["decimals()"] = WithWord(Recorded("triggerconstantcontract-balanceOf"), 6),
    };

    public string Pending { get; set; } = Recorded("getpendingsize-empty");

    /// <summary>Request bodies by path, in order.</summary>
    public ConcurrentQueue<(string Path, JsonNode Body)> Bodies { get; } = new();

    public static string Recorded(string name) => s_recorded.GetProperty(name).GetRawText();

    /// <summary>The recorded balanceOf capture with its one return word replaced (decimals, large balances).</summary>
    public static string WithWord(string response, System.Numerics.BigInteger value)
    {
        var node = JsonNode.Parse(response)!;
        node["constant_result"] = new JsonArray(value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..]);
        return node.ToJsonString();
    }

    /// <summary>A recorded response with one member replaced.</summary>
    public static string With(string response, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(response)!;
        change(node);
        return node.ToJsonString();
    }

    public void Dispose() => _server.Dispose();

    private FakeResponse Handle(string path, string body)
    {
        var request = JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
        Bodies.Enqueue((path, request));
        var answer = path switch
        {
            "/wallet/getblockbynum" => request["num"]?.GetValue<long>() switch
            {
                null or 0 => Genesis,
                Height => Block,
                _ => "{}",
            },
            "/wallet/getnowblock" => NextHead(),
            "/wallet/getblockbalance" => BlockBalance,
            "/wallet/getaccountbalance" => AccountBalance,
            "/wallet/triggerconstantcontract" => Constants[request["function_selector"]!.GetValue<string>()],
            "/wallet/getpendingsize" => Pending,
            _ => null,
        };
        return answer is null ? new FakeResponse(404, "not found", TimeSpan.Zero) : new FakeResponse(200, answer, TimeSpan.Zero);
    }

    private string NextHead()
    {
        lock (Heads)
        {
            if (Heads.Count > 1 && Heads.TryDequeue(out var head))
            {
                return head;
            }

            return Heads.TryPeek(out head) ? head : "{}";
        }
    }
}
