// pdfjs-struct.mjs PDFJS_DIR FILE.pdf: reads FILE.pdf with pdf.js (the
// legacy build in PDFJS_DIR, installed by render/testdata/install-pdfjs)
// and prints, as one JSON object, for each page its structure tree
// (page.getStructTree()), its text content with the marked-content
// boundaries (page.getTextContent({includeMarkedContent: true})) and its
// annotations (page.getAnnotations(), id and subtype), and the
// document's language (the catalog's /Lang, as getTextContent gives it)
// and mark information (doc.getMarkInfo()):
//
//	{"lang": "zh-CN", "markInfo": {"Marked": true, …},
//	 "pages": [{"tree": {...}, "items": [
//	    {"type": "beginMarkedContentProps", "id": "p7R_mc0", "tag": "H1"},
//	    {"str": "…", "eol": false},
//	    {"type": "endMarkedContent"}, …],
//	  "annots": [{"id": "46R", "subtype": "Link"}, …]}, …]}
//
// A content node of the tree ({"type": "content", "id": "p7R_mc0"}) names
// the marked-content sequence whose items follow the begin item of that
// id, so each element's text can be joined from its content nodes. Used
// by render/pdfjs_test.go. An object node of the tree ({"type": "object",
// "id": "46R"}) is an annotation the element holds (OBJR).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
	console.error("usage: node pdfjs-struct.mjs PDFJS_DIR FILE.pdf");
	process.exit(2);
}
// pdf.js writes its warnings (no canvas package in Node: not needed for
// text and structure) with console.log: keep stdout for the JSON.
console.log = console.error;
const pdfjs = await import(pathToFileURL(join(dir, "pdf.mjs")).href);
const data = new Uint8Array(readFileSync(file));
const doc = await pdfjs.getDocument({ data, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
const pages = [];
let lang = null;
for (let i = 1; i <= doc.numPages; i++) {
	const page = await doc.getPage(i);
	const tree = await page.getStructTree();
	const text = await page.getTextContent({ includeMarkedContent: true });
	lang ??= text.lang;
	const items = text.items.map((it) =>
		it.type === undefined ? { str: it.str, eol: it.hasEOL } : { type: it.type, id: it.id, tag: it.tag },
	);
	const annots = (await page.getAnnotations()).map((a) => ({ id: a.id, subtype: a.subtype }));
	pages.push({ tree, items, annots });
}
const markInfo = await doc.getMarkInfo();
await doc.destroy();
process.stdout.write(JSON.stringify({ lang, markInfo, pages }) + "\n");
