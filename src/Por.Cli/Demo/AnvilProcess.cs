// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Por.Reserves.Nodes;

namespace Por.Cli.Demo;

/// <summary>
/// An anvil dev chain that <c>por demo token</c> starts on a free loopback port with a fixed dev mnemonic and chain id
/// 31337, and kills (with its process tree) when disposed, when the process exits, and on Ctrl-C (the command's
/// cancellation disposes it).
/// </summary>
internal sealed class AnvilProcess : IDisposable
{
    /// <summary>The chain id anvil runs with.</summary>
    public const long ChainId = 31337;

    /// <summary>The dev mnemonic (Foundry's default): its accounts are funded; the demo's own keys come from the OS CSPRNG.</summary>
    public const string Mnemonic = "test test test test test test test test test test test junk";

    private readonly Process _process;
    private readonly EventHandler _onExit;

    private AnvilProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri Url { get; }

    /// <summary>Starts anvil and waits until it answers eth_chainId (at most 20 s).</summary>
    /// <param name="executable">The anvil executable.</param>
    /// <param name="http">The HTTP client to probe with.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running chain.</returns>
    /// <exception cref="NodeException">anvil did not start or answer.</exception>
    public static async Task<AnvilProcess> StartAsync(string executable, HttpClient http, CancellationToken cancellationToken)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture), "--mnemonic", Mnemonic, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NodeException(NodeFailureKind.Unreachable, $"{executable} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NodeException(NodeFailureKind.Unreachable, $"{executable} could not be started: {e.Message}");
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var anvil = new AnvilProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            var transport = new HttpNodeTransport(http, anvil.Url, new RetryPolicy(1, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
            for (var i = 0; ; i++)
            {
                try
                {
                    await transport.CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false);
                    return anvil;
                }
                catch (NodeException) when (i < 200 && !process.HasExited)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            anvil.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Kill();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
