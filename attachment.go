package proofdesk

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Attachment is a file attached to a message: sent by a customer (an
// email's attachment, a file from the chat widget) or by an agent with a
// reply. Its name and bytes are stored encrypted under the conversation's
// data key; whoever may see the conversation may see its attachments.
type Attachment struct {
	ID             string
	ConversationID string
	MessageID      string
	// Filename is the sender's name for the file, cleaned by
	// SanitizeFilename: no directories, controls or bidi overrides.
	Filename string
	// ContentType is the media type the file was stored with ("image/png").
	ContentType string
	// Size is len(Data) in bytes.
	Size int64
	// ContentID is the Content-ID of an inbound mail's part without angle
	// brackets (RFC 2392), the name an HTML body's "cid:" URL refers to
	// and the mail's text marks "[image: …]" where the image stood; ""
	// for every other file. Stored sealed like the name.
	ContentID string
	// Data is the file; filled only when the file itself is read.
	Data      []byte
	CreatedAt time.Time
}

// Attachment limits. A refusal names the limit.
const (
	// MaxAttachmentBytes bounds one file an agent attaches to a reply
	// (10 MiB, as mail.DefaultLimits bounds one inbound).
	MaxAttachmentBytes = 10 << 20
	// MaxAttachmentsPerMessage bounds the files of one agent reply or one
	// widget upload.
	MaxAttachmentsPerMessage = 10
	// MaxAttachmentsTotalBytes bounds the files of one message together
	// (20 MiB: with base64 they still fit the 25 MB most mail relays take).
	MaxAttachmentsTotalBytes = 20 << 20
	// MaxWidgetAttachmentBytes bounds one file a visitor sends from the
	// chat widget (5 MiB).
	MaxWidgetAttachmentBytes = 5 << 20
	// maxFilenameBytes bounds a cleaned file name.
	maxFilenameBytes = 200
)

// WidgetAttachmentTypes are the media types a visitor may send from the
// chat widget, as sniffed from the bytes (WHATWG MIME Sniffing §7), never
// as declared: images and PDFs.
var WidgetAttachmentTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}

// InlineImageTypes are the only media types shown inline (in an <img> of
// the console or widget); every other file is served as a download.
// SVG is not one: it can hold script.
var InlineImageTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// SanitizeFilename returns name fit to store and to show: the last path
// element (either slash), without control characters, bidi controls
// (U+202A–U+202E, U+2066–U+2069, which can make "gpj.exe" read "exe.jpg"),
// invisible characters (IsInvisible), other format characters (Unicode category Cf: zero-width spaces and
// joiners, bidi marks) or invalid UTF-8, without leading dots or blanks, at most 200 bytes
// keeping the extension. It returns "attachment" when nothing is left.
func SanitizeFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case r == utf8.RuneError, unicode.IsControl(r), IsBidiControl(r), IsInvisible(r), unicode.Is(unicode.Cf, r):
			// Cf: bidi marks, zero-width spaces and joiners, which can
			// hide text from a reader or a scanner.
			continue
		default:
			b.WriteRune(r)
		}
	}
	name = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.String()), "."))
	if len(name) > maxFilenameBytes {
		ext := path.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		keep := maxFilenameBytes - len(ext)
		for keep > 0 && !utf8.RuneStart(name[keep]) {
			keep--
		}
		name = name[:keep] + ext
	}
	if name == "" || name == "/" || name == "." {
		return "attachment"
	}
	return name
}

// CheckAttachments checks the files an agent attaches to one message:
// at most MaxAttachmentsPerMessage, each non-empty and at most max bytes.
// and MaxAttachmentsTotalBytes together. Names are cleaned with
// SanitizeFilename. Returns EINVALID naming the limit.
func CheckAttachments(as []*Attachment, max int64) error {
	if len(as) > MaxAttachmentsPerMessage {
		return FieldError("attachments", "at most %d files may be attached to one message; this has %d", MaxAttachmentsPerMessage, len(as))
	}
	var total int64
	for i, a := range as {
		total += int64(len(a.Data))
		a.Filename = SanitizeFilename(a.Filename)
		a.Size = int64(len(a.Data))
		switch {
		case a.Size == 0:
			return FieldError(fmt.Sprintf("attachments[%d]", i), "attachment %q is empty", a.Filename)
		case a.Size > max:
			return FieldError(fmt.Sprintf("attachments[%d]", i), "attachment %q is %s; the limit is %s per file", a.Filename, FormatBytes(a.Size), FormatBytes(max))
		}
		if a.ContentType == "" {
			a.ContentType = "application/octet-stream"
		}
	}
	if total > MaxAttachmentsTotalBytes {
		return FieldError("attachments", "the files of one message are %s together; the limit is %s", FormatBytes(total), FormatBytes(MaxAttachmentsTotalBytes))
	}
	return nil
}

// FormatBytes writes n as people read file sizes: "512 bytes", "1.5 KiB",
// "10 MiB" (IEC binary prefixes).
func FormatBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
