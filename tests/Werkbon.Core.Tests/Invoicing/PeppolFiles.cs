using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Werkbon.Core.Tests.Invoicing;

/// <summary>The reference documents and the UBL 2.1 schemas copied next to the tests (Invoicing/Peppol).</summary>
internal static class PeppolFiles
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Invoicing", "Peppol");

    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchemas);

    public static IEnumerable<string> Examples => Directory.EnumerateFiles(Path.Combine(Folder, "examples"), "*.xml").Order(StringComparer.Ordinal);

    public static XDocument Load(string relativePath) => XDocument.Load(Path.Combine(Folder, relativePath));

    /// <summary>The XSD validation errors of a document (empty when it is valid UBL 2.1).</summary>
    public static IReadOnlyList<string> XsdErrors(XDocument document)
    {
        var errors = new List<string>();
        var copy = new XDocument(document);
        copy.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    public static IReadOnlyList<string> XsdErrors(byte[] utf8) => XsdErrors(XDocument.Load(new MemoryStream(utf8)));

    private static XmlSchemaSet LoadSchemas()
    {
        // The xmldsig schema imported by the signature components carries a DTD.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        foreach (var main in new[] { "UBL-Invoice-2.1.xsd", "UBL-CreditNote-2.1.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(Folder, "xsd", "maindoc", main), settings);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}
