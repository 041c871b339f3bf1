// SPDX-License-Identifier: Apache-2.0

using Por.Cluster;

namespace Por.IntegrationTests.Cluster;

/// <summary>A temporary authorised-workers file (one public key per line, named worker-0, worker-1, …).</summary>
internal sealed class AuthorisedWorkersFile : IDisposable
{
    public AuthorisedWorkersFile(params WorkerKey[] keys)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "por-workers-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(Path, keys.Select((k, i) => k.PublicKeyHex + " worker-" + i));
    }

    public string Path { get; }

    public AuthorisedWorkers Read() => AuthorisedWorkers.Read(Path);

    public void Dispose() => File.Delete(Path);
}
