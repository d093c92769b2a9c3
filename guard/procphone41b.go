package guard

// procphone41b.go (f41b): phone readings of a process answer.
//
// The registered one of a class named by its kind of phone is a process
// step as "the registered number" is (process.go toRegistered): "Le code
// part vers le portable enregistré", "El código va al móvil registrado",
// "Il codice va al cellulare registrato", "O código vai para o
// telemóvel registado".

// regPhoneNouns41b are the kinds of phone beside a word for
// "registered" (normalised).
var regPhoneNouns41b = set("mobile", "portable", "movil", "cellulare", "telemovel", "handy", "mobiel", "celular",
	"cell", "cellphone", "mobiltelefon", "telefonino", "gsm")
