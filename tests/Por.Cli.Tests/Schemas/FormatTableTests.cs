// SPDX-License-Identifier: Apache-2.0

using System.Text.RegularExpressions;

namespace Por.Cli.Tests.Schemas;

/// <summary>
/// docs/formats.md §12 lists every public JSON file format with its schema: each schema file is in the table, each row
/// links the schema of its format id, and every format id the code declares (a <c>const string</c> in src/) has a row.
/// </summary>
public sealed partial class FormatTableTests
{
    [Fact]
    public void FormatTable_ListsEverySchemaFile_AndEachRowLinksTheSchemaOfItsFormatId()
    {
        var rows = TableRows();
        Assert.NotEmpty(rows);
        foreach (var (format, schema) in rows)
        {
            Assert.Equal("schemas/" + SchemaCatalog.FileName(format), schema);
            Assert.True(File.Exists(Path.Combine(SchemaCatalog.RepositoryRoot, "docs", schema)), $"{format}: {schema} does not exist");
        }

        Assert.Equal(rows.Count, rows.Select(r => r.Format).Distinct(StringComparer.Ordinal).Count());
        var files = Directory.EnumerateFiles(SchemaCatalog.Directory, "*.schema.json").Select(f => "schemas/" + Path.GetFileName(f));
        Assert.Equal(files.Order(StringComparer.Ordinal), rows.Select(r => r.Schema).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryFormatIdTheCodeDeclares_HasARowAndASchema()
    {
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SchemaCatalog.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in FormatConstant().Matches(File.ReadAllText(file)))
            {
                declared.Add(m.Groups["format"].Value);
            }
        }

        Assert.True(declared.Count >= 20, $"only {declared.Count} format constants found: {string.Join(", ", declared)}");
        var listed = TableRows().Select(r => r.Format).ToHashSet(StringComparer.Ordinal);
        Assert.All(declared, d => Assert.Contains(d, listed));
        Assert.Equal(declared, new SortedSet<string>(SchemaTests.Written.Concat(SchemaTests.Legacy), StringComparer.Ordinal));
    }

    private static List<(string Format, string Schema)> TableRows()
    {
        var text = File.ReadAllText(Path.Combine(SchemaCatalog.RepositoryRoot, "docs", "formats.md"));
        var start = text.IndexOf("\n## 12. JSON Schemas", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/formats.md has no section '## 12. JSON Schemas'");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return [.. TableRow().Matches(section).Select(m => (m.Groups["format"].Value, m.Groups["schema"].Value))];
    }

    // | file | `format id` | [name](schemas/….schema.json) | …
    [GeneratedRegex(@"^\|[^|\n]*\|\s*`(?<format>[^`]+)`[^|\n]*\|\s*\[[^\]]*\]\((?<schema>schemas/[^)]+\.schema\.json)\)", RegexOptions.Multiline | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex TableRow();

    [GeneratedRegex("""const string \w+ = "(?<format>por[-.][a-z.-]+/[0-9]+)";""", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex FormatConstant();
}
