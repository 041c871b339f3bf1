// SPDX-License-Identifier: Apache-2.0

// The MSBuild task that turns the published Blazor WebAssembly app into one self-contained page (por-verify.html):
// every boot resource the runtime loads (dotnet.js, its two JS modules, dotnet.native.wasm and the trimmed assemblies)
// is concatenated, gzip-compressed and embedded as base64; the page's boot script inflates it with the browser's
// DecompressionStream and hands each resource to Blazor.start({ loadBootResource }) from memory, so nothing is
// fetched. The two executable inline scripts are pinned in the page's Content-Security-Policy by their SHA-256.
// Compiled by RoslynCodeTaskFactory at build time (docs/web-verifier.md, "How the page is built"); not part of the app.

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class PackPorVerifyPage : Task
{
    [Required]
    public string FrameworkDirectory { get; set; } = "";

    [Required]
    public string Template { get; set; } = "";

    [Required]
    public string BootScript { get; set; } = "";

    [Required]
    public string Output { get; set; } = "";

    public override bool Execute()
    {
        var framework = FrameworkDirectory;
        var dotnetJs = File.ReadAllText(Path.Combine(framework, "dotnet.js"), Encoding.UTF8);
        const string start = "/*json-start*/";
        const string end = "/*json-end*/";
        var s = dotnetJs.IndexOf(start, StringComparison.Ordinal);
        var e = dotnetJs.IndexOf(end, StringComparison.Ordinal);
        if (s < 0 || e < s)
        {
            Log.LogError("por-verify: dotnet.js carries no boot configuration (/*json-start*/ … /*json-end*/)");
            return false;
        }

        // The boot configuration names every resource the runtime loads ("name": "…" in its resources).
        var config = dotnetJs.Substring(s + start.Length, e - s - start.Length);
        var names = new List<string> { "dotnet.js" };
        foreach (Match m in Regex.Matches(config, "\"name\":\\s*\"([^\"]+)\""))
        {
            names.Add(m.Groups[1].Value);
        }

        names = names.Distinct(StringComparer.Ordinal).ToList();
        names.Sort(StringComparer.Ordinal);
        var index = new StringBuilder("[");
        using var raw = new MemoryStream();
        foreach (var name in names)
        {
            var bytes = File.ReadAllBytes(Path.Combine(framework, name));
            if (name.EndsWith(".js", StringComparison.Ordinal))
            {
                // A module loaded from a blob: URL cannot resolve names against it; the boot script sets the base.
                bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("import.meta.url", "globalThis.porVerifyBase"));
            }

            index.Append(index.Length > 1 ? "," : "").Append("[\"").Append(name).Append("\",").Append(raw.Length).Append(',').Append(bytes.Length).Append(']');
            raw.Write(bytes, 0, bytes.Length);
        }

        index.Append(']');
        using var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(gz);
        }

        var blazorJs = File.ReadAllText(Path.Combine(framework, "blazor.webassembly.js"), Encoding.UTF8);
        var boot = File.ReadAllText(BootScript, Encoding.UTF8);
        foreach (var script in new[] { blazorJs, boot })
        {
            if (script.IndexOf("</script", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                Log.LogError("por-verify: a script contains </script and cannot be inlined");
                return false;
            }
        }

        var page = File.ReadAllText(Template, Encoding.UTF8)
            .Replace("{{SCRIPT_HASHES}}", $"'sha256-{Hash(blazorJs)}' 'sha256-{Hash(boot)}'")
            .Replace("{{INDEX}}", index.ToString())
            .Replace("{{PAYLOAD}}", Convert.ToBase64String(packed.ToArray()))
            .Replace("{{BLAZOR}}", blazorJs)
            .Replace("{{BOOT}}", boot);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Output))!);
        var temp = Output + ".tmp";
        File.WriteAllText(temp, page, new UTF8Encoding(false));
        File.Copy(temp, Output, overwrite: true);
        File.Delete(temp);
        Log.LogMessage(MessageImportance.High, $"por-verify: {Output} ({new FileInfo(Output).Length:N0} bytes; {names.Count} resources, {raw.Length:N0} bytes before compression)");
        return true;
    }

    private static string Hash(string script)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(script)));
    }
}
