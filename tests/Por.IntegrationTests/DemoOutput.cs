// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli;

namespace Por.IntegrationTests;

/// <summary>Runs a small <c>por demo</c> once per test class: two rounds, verified reserves, history, report, attestation.</summary>
public sealed class DemoOutput : IDisposable
{
    public DemoOutput()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("por-demo-it-").FullName;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(["demo", "--accounts", "400", "--assets", "8", "--out", Directory, "--json"], stdout, stderr);
        if (exit != 0)
        {
            throw new InvalidOperationException($"por demo exited {exit}: {stdout} {stderr}");
        }

        Summary = JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
        ReportJson = Summary.GetProperty("report_json").GetString()!;
        ReportHtml = Summary.GetProperty("report_html").GetString()!;
    }

    public string Directory { get; }

    public JsonElement Summary { get; }

    public string ReportJson { get; }

    public string ReportHtml { get; }

    public JsonElement Report() => JsonDocument.Parse(File.ReadAllBytes(ReportJson)).RootElement.Clone();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
