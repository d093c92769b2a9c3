package console

import (
	"regexp"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// bodyPart is a run of a message's text or an inline image shown where the
// text marks it.
type bodyPart struct {
	Text  string
	Image *fileItem
}

// imageMarker is how the mail parser marks an inline image in the text it
// stores ("[image: NAME]", as Gmail writes it in its own text part): NAME
// is the image's alt text, its file name or its Content-ID, in which the
// masking view may have hidden a code ("part1.[code hidden]@host").
var imageMarker = regexp.MustCompile(`\[image: ((?:[^\[\]\n]|` + regexp.QuoteMeta(proofdesk.CodeHiddenText) + `){1,200})\]`)

// inlineParts splits body at its "[image: NAME]" markers and puts in place
// of each the inline image of files (an image of an InlineImageTypes type
// that came with a Content-ID) it names: by Content-ID, else by file name.
// Markers left over (alt text names neither) take the images left over in
// the order the mail holds them, but only when they are as many: a marker
// of a remote image (a signature's logo) never takes a photo's place.
// The files shown in place are marked InPlace. It returns nil when no
// image is placed, and the body is then shown as it is.
func inlineParts(body string, files []fileItem) []bodyPart {
	locs := imageMarker.FindAllStringSubmatchIndex(body, -1)
	if len(locs) == 0 {
		return nil
	}
	var candidates []int
	for i, f := range files {
		if f.Inline && f.ContentID != "" && !f.InPlace {
			candidates = append(candidates, i)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	used := map[int]bool{}
	placed := make([]int, len(locs)) // index into files, or -1
	take := func(name string, match func(f fileItem) bool) int {
		for _, i := range candidates {
			if !used[i] && match(files[i]) {
				used[i] = true
				return i
			}
		}
		return -1
	}
	var unmatched []int
	for k, loc := range locs {
		name := body[loc[2]:loc[3]]
		i := take(name, func(f fileItem) bool { return f.ContentID == name })
		if i < 0 {
			i = take(name, func(f fileItem) bool { return strings.EqualFold(f.ContentID, name) })
		}
		if i < 0 {
			i = take(name, func(f fileItem) bool { return f.Name == name })
		}
		if placed[k] = i; i < 0 {
			unmatched = append(unmatched, k)
		}
	}
	var left []int
	for _, i := range candidates {
		if !used[i] {
			left = append(left, i)
		}
	}
	if len(unmatched) > 0 && len(unmatched) == len(left) {
		for n, k := range unmatched {
			placed[k] = left[n]
		}
	}
	var parts []bodyPart
	last, any := 0, false
	for k, loc := range locs {
		i := placed[k]
		if i < 0 {
			continue
		}
		any = true
		if loc[0] > last {
			parts = append(parts, bodyPart{Text: body[last:loc[0]]})
		}
		files[i].InPlace = true
		f := files[i]
		parts = append(parts, bodyPart{Image: &f})
		last = loc[1]
	}
	if !any {
		return nil
	}
	if last < len(body) {
		parts = append(parts, bodyPart{Text: body[last:]})
	}
	return parts
}
