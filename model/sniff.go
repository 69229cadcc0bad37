package model

import "bytes"

// The kinds of binary files a clerk gives by mistake, told by their first
// bytes, so that a photo of a form is called a photo and not text in a
// wrong encoding (review 7, item 7). Workbooks, Word documents and zip
// archives are told by model/xlsx, PDFs by the pipeline.

// imageKind names the image format data starts with ("PNG", "JPEG" …), or
// "" when it is none of those.
func imageKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "JPEG"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "TIFF"
	case len(data) >= 12 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP":
		return "WebP"
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && isHEIF(string(data[8:12])):
		return "HEIC"
	case bytes.HasPrefix(data, []byte("BM")) && len(data) >= 14 && data[6] == 0 && data[7] == 0 && data[8] == 0 && data[9] == 0:
		return "BMP" // reserved bytes zero
	}
	return ""
}

// isHEIF reports whether an ISO media file's brand is a still image's (a
// phone's photo), not a video's.
func isHEIF(brand string) bool {
	switch brand {
	case "heic", "heix", "heim", "heis", "hevc", "mif1", "msf1", "avif":
		return true
	}
	return false
}

// archiveKind names the (non-zip) archive format data starts with, or "".
func archiveKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0x1F, 0x8B}):
		return "gzip"
	case bytes.HasPrefix(data, []byte("Rar!\x1a\x07")):
		return "RAR"
	case bytes.HasPrefix(data, []byte("7z\xBC\xAF\x27\x1C")):
		return "7z"
	}
	return ""
}

// looksBinary reports whether head, the beginning of a file that is not
// UTF-8, holds a control character no text file has (text in GBK, the
// usual reason for bytes that are not UTF-8, has none).
func looksBinary(head []byte) bool {
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			return true
		}
	}
	return false
}

// KnownBinary is the problem of a file name that holds data of a known
// binary kind other than a workbook or a PDF (an image, an archive), by
// its first bytes; nil when it is none of those. The workbook reader
// tells a photo named .xlsx so, as the decoder does one named .json.
func KnownBinary(name string, data []byte) error {
	if de := knownBinary(name, data); de != nil {
		return de
	}
	return nil
}

// knownBinary is the problem of a file of a known binary kind (an image,
// an archive) by its first bytes head; nil when it is none of those.
func knownBinary(name string, head []byte) *DecodeError {
	if k := imageKind(head); k != "" {
		return fileProblem(name, 0, 0, CodeImageFile, k)
	}
	if k := archiveKind(head); k != "" {
		return fileProblem(name, 0, 0, CodeArchiveFile, k)
	}
	return nil
}
