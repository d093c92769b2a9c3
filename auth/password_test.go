package auth

import (
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	h, err := HashPassword("correct horse", TestPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash=%q, want PHC argon2id prefix", h)
	}
	if strings.Contains(h, "correct horse") {
		t.Fatal("hash contains the password")
	}
	ok, err := VerifyPassword(h, "correct horse")
	if err != nil || !ok {
		t.Fatalf("Verify(right)=%v,%v, want true,nil", ok, err)
	}
	ok, err = VerifyPassword(h, "correct horsE")
	if err != nil || ok {
		t.Fatalf("Verify(wrong)=%v,%v, want false,nil", ok, err)
	}
	h2, _ := HashPassword("correct horse", TestPasswordParams)
	if h2 == h {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
}

func TestHashPassword_DefaultParams(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB hash")
	}
	h, err := HashPassword("pw", DefaultPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Fatalf("hash=%q", h)
	}
	if NeedsRehash(h, DefaultPasswordParams) {
		t.Fatal("NeedsRehash(default hash, default)=true")
	}
	if !NeedsRehash(h, TestPasswordParams) {
		t.Fatal("NeedsRehash(default hash, test params)=false")
	}
}

func TestHashPassword_RejectsWeakParams(t *testing.T) {
	if _, err := HashPassword("pw", PasswordParams{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32}); err == nil {
		t.Fatal("want error for t=0")
	}
	if _, err := HashPassword("pw", PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32}); err == nil {
		t.Fatal("want error for a 4-byte salt")
	}
}

func TestVerifyPassword_Malformed(t *testing.T) {
	good, _ := HashPassword("pw", TestPasswordParams)
	parts := strings.Split(good, "$")
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuu5Q0b1p6q8iB5Z0pBzv2I1rQfFq5XlGa"},
		{"argon2i", strings.Replace(good, "argon2id", "argon2i", 1)},
		{"version", strings.Replace(good, "v=19", "v=16", 1)},
		{"huge memory", "$argon2id$v=19$m=4194304,t=1,p=1$" + parts[4] + "$" + parts[5]},
		{"huge time", "$argon2id$v=19$m=64,t=1000,p=1$" + parts[4] + "$" + parts[5]},
		{"bad salt", "$argon2id$v=19$m=64,t=1,p=1$!!!$" + parts[5]},
		{"short key", "$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$AAAA"},
		{"extra part", good + "$x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(tt.hash, "pw")
			if err == nil || ok {
				t.Fatalf("Verify=%v,%v, want false and an error", ok, err)
			}
		})
	}
}

func TestGeneratePassword(t *testing.T) {
	a, b := GeneratePassword(), GeneratePassword()
	if len(a) < 20 || a == b {
		t.Fatalf("GeneratePassword()=%q,%q, want long and distinct", a, b)
	}
}

func BenchmarkVerifyPassword_Default(b *testing.B) {
	h, err := HashPassword("correct horse battery staple", DefaultPasswordParams)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if ok, _ := VerifyPassword(h, "correct horse battery staple"); !ok {
			b.Fatal("no match")
		}
	}
}
