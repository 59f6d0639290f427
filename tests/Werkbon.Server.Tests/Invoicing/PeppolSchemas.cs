using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>The UBL 2.1 schemas of the Core tests (Invoicing/Peppol/xsd), to check the stored UBL of issued invoices.</summary>
internal static class PeppolSchemas
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    public static IReadOnlyList<string> XsdErrors(XDocument document)
    {
        var errors = new List<string>();
        new XDocument(document).Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Invoicing", "Peppol", "xsd", "maindoc");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        foreach (var main in new[] { "UBL-Invoice-2.1.xsd", "UBL-CreditNote-2.1.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(folder, main), settings);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}
