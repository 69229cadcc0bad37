package render

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmpPacket returns the XMP metadata of a document: the same title,
// author, subject, creator, producer and dates as its information
// dictionary (PDF/A requires them to agree), and for PDF/A the part and
// conformance (pdfaid) of the level claimed (part 0: none; every level
// jixiao writes is conformance B).
func xmpPacket(title, author, subject, creator, producer string, date time.Time, part int) []byte {
	var b bytes.Buffer
	esc := func(s string) { _ = xml.EscapeText(&b, []byte(s)) }
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`)
	if part > 0 {
		b.WriteString(` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"`)
	}
	b.WriteString(">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`)
		esc(title)
		b.WriteString("</rdf:li></rdf:Alt></dc:title>\n")
	}
	if author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>")
		esc(author)
		b.WriteString("</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">`)
		esc(subject)
		b.WriteString("</rdf:li></rdf:Alt></dc:description>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + docLang + "</rdf:li></rdf:Bag></dc:language>\n")
	d := date.Format("2006-01-02T15:04:05Z07:00")
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	if creator != "" {
		b.WriteString("<xmp:CreatorTool>")
		esc(creator)
		b.WriteString("</xmp:CreatorTool>\n")
	}
	b.WriteString("<pdf:Producer>")
	esc(producer)
	b.WriteString("</pdf:Producer>\n")
	if part > 0 {
		b.WriteString("<pdfaid:part>")
		b.WriteString(string(rune('0' + part)))
		b.WriteString("</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets an editor rewrite the packet in place.
	for range 20 {
		b.WriteString("                                                                                                    \n")
	}
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}
