// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli;

namespace Por.IntegrationTests;

/// <summary>Runs a small <c>por demo</c> once per test class: two rounds, verified reserves, history, report, attestation
/// (400 accounts, 8 assets, SOL at 0%).</summary>
public class DemoOutput : IDisposable
{
    public DemoOutput()
        : this(400, 8)
    {
    }

    protected DemoOutput(int accounts, int assets)
    {
        Assets = assets;
        Directory = System.IO.Directory.CreateTempSubdirectory("por-demo-it-").FullName;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(["demo", "--accounts", accounts.ToString(System.Globalization.CultureInfo.InvariantCulture), "--assets", assets.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Directory, "--json"], stdout, stderr);
        if (exit != 0)
        {
            throw new InvalidOperationException($"por demo exited {exit}: {stdout} {stderr}");
        }

        Summary = JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
        ReportJson = Summary.GetProperty("report_json").GetString()!;
        ReportHtml = Summary.GetProperty("report_html").GetString()!;
    }

    public string Directory { get; }

    /// <summary>The number of assets the demo was asked for.</summary>
    public int Assets { get; }

    public JsonElement Summary { get; }

    public string ReportJson { get; }

    public string ReportHtml { get; }

    public JsonElement Report() => JsonDocument.Parse(File.ReadAllBytes(ReportJson)).RootElement.Clone();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
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
