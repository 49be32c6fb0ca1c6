"""Letter sets and function-word lists that separate Kazakh, Russian and English.

Kept as data in one place so the heuristic, the look-alike repair and the quality checks
agree on what a "Kazakh letter" is.  Function words are the short, very frequent words that
carry little meaning but strongly mark a language; they are chosen so that no word appears
in both the Kazakh and the Russian list.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as a block of text."""
    return frozenset(text.split())


# Letters of the Kazakh Cyrillic alphabet that Russian does not have.
KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

# Letters of the 2018-2021 Kazakh Latin alphabets that English does not use (the acute
# vowels á ó ú of 2018 are left out: too common in other European languages' names; ý, the
# 2018 letter for у, is rare elsewhere).
KK_LATIN_LETTERS = frozenset("äğñöūüşıǵńýÄĞÑÖŪÜŞǴŃÝİ")

# KZ-1048 (STRK1048-2002) bytes read as Windows-1251: the letter shown -> the letter meant.
KZ1048_MOJIBAKE = {
    "Ќ": "Қ", "ќ": "қ", "Ћ": "Һ", "ћ": "һ", "Ў": "Ұ", "ў": "ұ", "Ј": "Ә", "ј": "ә",
    "Ґ": "Ө", "ґ": "ө", "Є": "Ғ", "є": "ғ", "Ї": "Ү", "ї": "ү", "Ѕ": "Ң", "ѕ": "ң",
}

# Non-Kazakh letters that look like Kazakh ones (other Turkic alphabets, IPA).
FOREIGN_LOOKALIKES = {
    "ҥ": "ң", "Ҥ": "Ң", "ҡ": "қ", "Ҡ": "Қ", "ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө",
    "ӊ": "ң", "Ӊ": "Ң",
}

# Acute vowels of the 2018 Kazakh Latin alphabet that Spanish, Portuguese or Hungarian names
# also carry: Kazakh evidence only beside a stronger mark or a Kazakh function word.
KK_LATIN_WEAK_LETTERS = frozenset("áóúÁÓÚ")

# Frequent Kazakh words in the 2017, 2018 and 2021 Latin alphabets (және, мен, бен, пен, үшін,
# осы, деп, емес, жоқ, олар, болып, туралы, бойынша, арқылы, ғана, қана, кезде, кейін).
KK_LATIN_FUNCTION_WORDS = _words(
    """
    jäne jáne ja'ne men ben pen üşin úshin u'shin osy dep emes joq olar bolyp turaly
    boiynşa boıynsha boyynsha arqyly ğana ǵana g'ana qana kezde keiin keıin
    """
)

# Letters of the Russian alphabet (with ё); with KK_LETTERS, every letter a Kazakh or Russian
# Cyrillic text needs.
RU_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")

# Kazakh typed on a Russian keyboard: the letter typed -> the Kazakh letters it may stand for,
# the likelier first.
KEYBOARD_LOSSES = {
    "к": "қ", "г": "ғ", "н": "ң", "о": "ө", "у": "ұү", "и": "і", "а": "ә", "х": "һ",
}

# Kazakh inflectional endings (plural, possessive, case): a word that is a form of the word
# list with up to three of them stripped is a Kazakh word (the list has one ending at most:
# ``хатын`` = хат + ы + н is not in it, ``хатың`` is).
KK_ENDINGS = tuple(sorted(_words(
    """
    лар лер дар дер тар тер
    ы і сы сі ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ңыз ңіз
    ның нің дың дің тың тің ға ге қа ке на не а е ны ні ды ді ты ті н ын ін
    да де та те нда нде дан ден тан тен нан нен мен бен пен ымен імен
    дағы дегі тағы тегі ндағы ндегі
    """
), key=len, reverse=True))

# Letters of no Kazakh or Russian alphabet that "Kazakh" pseudo-Unicode fonts put where a
# Kazakh letter belongs (ӛ, Cyrillic schwa with diaeresis, for ө): the likely Kazakh letter.
# Any other stray Cyrillic letter is tried against every Kazakh letter.
PSEUDO_UNICODE_LIKELY = {"ӛ": "ө", "ӧ": "ө", "ӱ": "ү", "ӓ": "ә", "ҕ": "ғ", "ӈ": "ң", "ӏ": "і"}

# Latin letters that look like Cyrillic ones, used inside a Cyrillic word.
# "i"/"I" can only mean Kazakh і/І there; "Y" is Kazakh Ү or Russian У (decided per word).
LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і",
    "h": "һ", "k": "к", "m": "м", "t": "т", "b": "в",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "Ү",
}

# Cyrillic letters that look like Latin ones, used inside a Latin word.
CYRILLIC_TO_LATIN = {
    "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Т": "T", "Х": "X", "Ү": "Y",
}

# Kazakh function words (and very frequent short words) WITHOUT Kazakh letters, so they
# give evidence where the letter test cannot.  Words with Kazakh letters need no list.
KK_FUNCTION_WORDS = _words(
    """
    мен бен пен да де та те ма ме ба бе па пе деп бар болса болып болды бола болатын
    бір осы ол олар оны оның сол соны соның бар ал ал-ал енді тағы немесе
    жылы жылдан жылдың жыл ай күні бойы мынадай сондай осындай барлық бар
    ретінде арасында кезде кейін дейін бастап сияқты туралы бойынша және арқылы үшін
    емес жоқ тиіс керек мүмкін ғана сайын қана шейін
    мемлекеттік облысы облыстың қаласы қаласының ауданы
    басқа басшысы жауапты жұмыс жұмысы жоспары
    """
)

# Russian function words and very frequent short words that are not Kazakh words.
RU_FUNCTION_WORDS = _words(
    """
    и в во на что по для от с со к ко из за о об обо при до как а но или это не ни
    который которая которое которые которых котором которой также согласно
    соответствии года году лет был была было были будет быть есть же ли бы уже
    его ее её их им ими он она они оно мы вы я ты все всё всех этот эта эти этого этой
    том тот та те так там тут где когда если чтобы только еще ещё очень более менее
    может можно нет да через после перед между под над без про у
    себя свой своей своих является являются
    """
)
# Words that are also Kazakh (да, та, те) or that Kazakh typed without its letters produces
# (он for оң/өн, ал) stay out of the Russian list, and so does "том" (Tom, a frequent name).
RU_FUNCTION_WORDS = RU_FUNCTION_WORDS - {"да", "та", "те", "ал", "он", "том"}

EN_FUNCTION_WORDS = _words(
    """
    the of and to in is are was were for on with by at from that this it as be or an
    not has have had which who will would can could their they he she we you
    """
)

# Word endings that hint at a language for words without Kazakh letters.
KK_SUFFIXES = (
    "лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың", "дің", "тың", "тің",
    "дан", "ден", "тан", "тен", "нан", "нен", "ға", "ге", "қа", "ке", "да", "де",
    "мыз", "міз", "сыз", "сіз", "ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен",
    "атын", "етін", "йтын", "йтін", "лық", "лік", "дық", "дік", "тық", "тік",
)
RU_SUFFIXES = (
    "ция", "ции", "ние", "ния", "нию", "ого", "его", "ому", "ему", "ый", "ий", "ой", "ая",
    "ое", "ые", "ых", "их", "ать", "ять", "ить", "еть", "ами", "ями", "ость", "ости",
    "ться", "тся", "ешь", "ишь", "ует", "ают", "яют",
)
