"""Word field codes, read from WordprocessingML parts without running or updating them.

A field is either simple (``w:fldSimple w:instr="..."``) or complex: ``w:fldChar
w:fldCharType="begin"``, the instruction in ``w:instrText`` elements that may be split over
any number of runs (and paragraphs), an optional ``separate`` and the stored result, then
``end`` (ECMA-376 Part 1, 17.16). Complex fields nest: a field inside another's instruction
stands for text that is only known when Word updates it, shown here as ``{...}``. The keyword
is case-insensitive; arguments are quoted (``\\\\`` and ``\\"`` escaped) or bare; switches are
a backslash and one character, some followed by an argument (``\\c "Excel.Sheet.8"``).
Deleted instruction text (``w:delInstrText``) is not a field Word would run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FLDCHAR = f"{W}fldChar"
_INSTR = f"{W}instrText"
_SIMPLE = f"{W}fldSimple"
#: Stands in the instruction for a nested field's result (unknown until Word updates it).
NESTED = "{...}"


@dataclass(frozen=True, slots=True)
class Field:
    """One field: its keyword (upper case), positional arguments, switches with their
    arguments, the instruction as written, and whether it is a simple field."""

    keyword: str
    args: tuple[str, ...]
    switches: tuple[tuple[str, str], ...]
    instruction: str
    simple: bool

    def switch(self, name: str) -> str | None:
        """The argument of switch ``\\name`` ('' when it takes none), None when absent."""
        for key, value in self.switches:
            if key.lower() == name.lower():
                return value
        return None


def _tokens(text: str) -> Iterator[tuple[bool, str]]:
    """(quoted, token) pairs of a field instruction, escapes undone."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        buf: list[str] = []
        if ch == '"':
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n and text[i + 1] in '\\"':
                    i += 1
                buf.append(text[i])
                i += 1
            yield True, "".join(buf)
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        yield False, word if _is_switch(word) else word.replace("\\\\", "\\")


def _is_switch(word: str) -> bool:
    return len(word) == 2 and word[0] == "\\"


def parse_instruction(instruction: str, simple: bool = False) -> Field:
    """Split an instruction into keyword, positional arguments and switches."""
    tokens = list(_tokens(instruction))
    keyword = ""
    if tokens:  # quoted or not, the first word is the keyword
        keyword = tokens[0][1].upper()
        tokens = tokens[1:]
    args: list[str] = []
    switches: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        quoted, word = tokens[i]
        if not quoted and _is_switch(word):
            value = ""
            if i + 1 < len(tokens) and not (not tokens[i + 1][0]
                                             and _is_switch(tokens[i + 1][1])):
                value = tokens[i + 1][1]
                i += 1
            switches.append((word[1], value))
        elif not switches:
            args.append(word)
        i += 1
    return Field(keyword, tuple(args), tuple(switches), " ".join(instruction.split()), simple)


def fields_in(root: etree._Element) -> Iterator[Field]:
    """Every field of a WordprocessingML part, in document order (inner fields first when
    nested; a field left open at the end of the part is still reported)."""
    stack: list[list[str] | None] = []  # open complex fields: instruction pieces, or None
    for el in root.iter(_FLDCHAR, _INSTR, _SIMPLE):
        if el.tag == _SIMPLE:
            yield parse_instruction(el.get(f"{W}instr", ""), simple=True)
        elif el.tag == _INSTR:
            if stack and stack[-1] is not None:
                stack[-1].append(el.text or "")
        else:
            kind = el.get(f"{W}fldCharType", "")
            if kind == "begin":
                stack.append([])
            elif kind == "separate" and stack and stack[-1] is not None:
                instruction = "".join(stack[-1])
                stack[-1] = None
                yield parse_instruction(instruction)
            elif kind == "end" and stack:
                closed = stack.pop()
                if closed is not None:
                    yield parse_instruction("".join(closed))
                if stack and stack[-1] is not None:
                    stack[-1].append(NESTED)
    for left_open in stack:
        if left_open is not None:
            yield parse_instruction("".join(left_open))
