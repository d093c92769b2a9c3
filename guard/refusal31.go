package guard

// Refusals in the word order of a clause that opens with its object:
// "Nein, welche Nummer gespeichert ist, kann ich nicht sagen", "Welche
// Adresse hinterlegt ist, kann ich leider nicht sagen", "Lo que figura en
// la reserva no se lo puedo decir", "Quale sia salvata non glielo posso
// dire", "Isso não lhe sei dizer". refusalPhrases (phrases.go) hold the
// forms with the verb first; these are their inverted and pronoun
// forms, read as the same exclusion.
var refusals31 = []string{
	"kann ich nicht sagen", "kann ich leider nicht sagen", "kann ich ihnen leider nicht sagen", "können wir nicht sagen",
	"können wir leider nicht sagen", "darf ich leider nicht sagen", "kann ich nicht verraten", "darf ich nicht verraten",
	"kann ich leider nicht verraten", "kann ich nicht bestätigen", "kann ich leider nicht bestätigen",
	"can't tell", "cannot tell", "not able to share", "i'm not allowed to tell",
	"ne peux pas le dire", "ne peux pas vous le dire", "ne pouvons pas vous le dire", "ne peux pas vous l'indiquer",
	"no se lo puedo decir", "no te lo puedo decir", "no se lo podemos decir", "no puedo decírselo", "no le puedo decir",
	"non glielo posso dire", "non posso dirglielo", "non glielo possiamo dire", "non le posso dire",
	"kan ik u helaas niet zeggen", "kan ik helaas niet zeggen", "kunnen we niet zeggen", "kunnen wij niet zeggen",
	"não lhe sei dizer", "não lhe posso dizer isso", "não o posso dizer", "não posso dizê-lo", "isso não posso dizer",
}
