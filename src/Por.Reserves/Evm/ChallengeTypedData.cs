// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Reserves.Evm;

/// <summary>The EIP-712 form of the per-round challenge: domain {name "por reserves", version "1", chainId},
/// primary type <c>ReserveChallenge(string challenge)</c> whose field holds the challenge text.</summary>
public static class ChallengeTypedData
{
    /// <summary>Builds the typed data JSON (as eth_signTypedData_v4 takes it).</summary>
    /// <param name="challenge">The challenge text.</param>
    /// <param name="chainId">The EVM chain id.</param>
    /// <returns>The JSON text.</returns>
    public static string Json(string challenge, long chainId)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("types");
            w.WriteStartArray("EIP712Domain");
            Field(w, "name", "string");
            Field(w, "version", "string");
            Field(w, "chainId", "uint256");
            w.WriteEndArray();
            w.WriteStartArray("ReserveChallenge");
            Field(w, "challenge", "string");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("primaryType", "ReserveChallenge");
            w.WriteStartObject("domain");
            w.WriteString("name", "por reserves");
            w.WriteString("version", "1");
            w.WriteNumber("chainId", chainId);
            w.WriteEndObject();
            w.WriteStartObject("message");
            w.WriteString("challenge", challenge);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The EIP-712 digest of the challenge.</summary>
    /// <param name="challenge">The challenge text.</param>
    /// <param name="chainId">The EVM chain id.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Digest(string challenge, long chainId)
    {
        using var document = JsonDocument.Parse(Json(challenge, chainId));
        return Eip712.Digest(document.RootElement);
    }

    private static void Field(Utf8JsonWriter writer, string name, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }
}
