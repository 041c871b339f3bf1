// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;
using System.Text;
using Por.Common;
using Por.Reserves.Nodes;

namespace Por.Tokens.Registry;

/// <summary>
/// One HTTP client and one <see cref="HttpNodeTransport"/> (with its retry policy) per chain of a registry, built once
/// and shared by every evaluation (a monitor keeps one for its lifetime). Bitcoin Core passwords are read from the
/// environment variable the registry names.
/// </summary>
public sealed class ChainNodes : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpNodeTransport> _transports = new(StringComparer.Ordinal);

    /// <summary>Builds the transports.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="environment">Environment lookup (Bitcoin Core passwords).</param>
    /// <exception cref="InputException">A password variable is not set.</exception>
    public ChainNodes(TokenRegistry registry, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            foreach (var chain in registry.Chains.Values)
            {
                AuthenticationHeaderValue? auth = null;
                if (chain.Node.PasswordEnv is { } variable)
                {
                    var password = environment(variable)
                        ?? throw new InputException(registry.File, 0, $"chains.{chain.Name}.node.password_env", $"environment variable {variable} is not set");
                    auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(chain.Node.User + ":" + password)));
                }

                var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
                _clients[chain.Name] = client;
                _transports[chain.Name] = new HttpNodeTransport(client, chain.Node.Url, chain.Node.Policy, auth);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The transport of chain <paramref name="chain"/>.</summary>
    /// <param name="chain">A chain name of the registry.</param>
    /// <returns>Its transport.</returns>
    /// <exception cref="KeyNotFoundException">The registry has no such chain.</exception>
    public HttpNodeTransport Transport(string chain) => _transports[chain];

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
