package console

import (
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// placed renders parts as text with "<IMG name>" where an image stands.
func placed(parts []bodyPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Image != nil {
			b.WriteString("<IMG " + p.Image.Name + ">")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestInlineParts(t *testing.T) {
	png := func(name, cid string) fileItem {
		return fileItem{Name: name, ContentID: cid, Type: "image/png", Inline: true}
	}
	tests := []struct {
		name  string
		body  string
		files []fileItem
		want  string // "" = shown as it is
	}{
		{"by content id", "see [image: a@x] and [image: b@x]", []fileItem{png("b.png", "b@x"), png("a.png", "a@x")},
			"see <IMG a.png> and <IMG b.png>"},
		{"content id in other case", "[image: PART1@X]", []fileItem{png("a.png", "part1@x")}, "<IMG a.png>"},
		// Gmail's own text part names a pasted image by its file name.
		{"gmail text part: by file name", "Photo:\n[image: image.png]\nBye", []fileItem{png("image.png", "ii_lx1f2")},
			"Photo:\n<IMG image.png>\nBye"},
		// Alt text names neither: the images left take the markers left, in order.
		{"alt text, as many", "[image: the box] then [image: the label]", []fileItem{png("1.png", "c1"), png("2.png", "c2")},
			"<IMG 1.png> then <IMG 2.png>"},
		// A signature's remote logo is marked too: counts differ, nothing is guessed.
		{"remote logo among them", "[image: the box] [image: ACME logo]", []fileItem{png("1.png", "c1")}, ""},
		{"matched and remote logo", "[image: c1] [image: ACME logo]", []fileItem{png("1.png", "c1")}, "<IMG 1.png> [image: ACME logo]"},
		{"no content id: an attachment, not inline", "[image: 1.png]", []fileItem{png("1.png", "")}, ""},
		{"svg is never inline", "[image: s@x]", []fileItem{{Name: "s.svg", ContentID: "s@x", Type: "image/svg+xml"}}, ""},
		{"each image once", "[image: a@x] [image: a@x]", []fileItem{png("a.png", "a@x")}, "<IMG a.png> [image: a@x]"},
		{"no marker", "just text", []fileItem{png("a.png", "a@x")}, ""},
		{"marker across lines is no marker", "[image: a\n@x]", []fileItem{png("a.png", "a\n@x")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := inlineParts(tt.body, tt.files)
			if tt.want == "" {
				if parts != nil {
					t.Fatalf("placed %q, want the body as it is", placed(parts))
				}
				return
			}
			if got := placed(parts); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for _, p := range parts {
				if p.Image != nil && !p.Image.InPlace {
					t.Fatalf("%s not marked in place", p.Image.Name)
				}
			}
		})
	}
}

// TestInlineParts_CodesHidden: once codes were issued, the digits of a
// Thunderbird Content-ID are hidden in the body's marker and in the file's
// Content-ID alike, so the image is still placed; the cid never shows its
// digits.
func TestInlineParts_CodesHidden(t *testing.T) {
	const cid = "part1.06090408.01060107@example.com"
	m := &proofdesk.Message{ID: "msg_1", ConversationID: "cnv_1", AuthorKind: proofdesk.AuthorCustomer,
		Body: "Damage: [image: " + cid + "] ok",
		Attachments: []*proofdesk.Attachment{{ID: "att_1", ConversationID: "cnv_1", MessageID: "msg_1", Filename: "d.png",
			ContentType: "image/png", ContentID: cid}}}
	mv := proofdesk.NewMessageView(m, proofdesk.ViewContext{CodesIssued: true})
	if strings.Contains(mv.Body, "06090408") || strings.Contains(mv.Attachments[0].ContentID, "06090408") {
		t.Fatalf("digits shown: %q %q", mv.Body, mv.Attachments[0].ContentID)
	}
	if got := placed(inlineParts(mv.Body, fileItems(mv.Attachments))); got != "Damage: <IMG d.png> ok" {
		t.Fatalf("got %q", got)
	}
}
