"""Help: the keys of every screen, in the interface language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from quizapp.tui.screens.base import AppModal

HELP: dict[str, str] = {
    "en": """\
# Help

**Everywhere**: `F1` help · `F2` switch language (Bahasa Indonesia / English) ·
`Ctrl+P` command palette · `Ctrl+Q` quit · `Esc` back.

**Home**: arrows choose a quiz · `Enter` choose a mode · `p` practice · `e` exam ·
`l` lesson · `r` resume an unfinished quiz · `v` review · `g` progress · `s` switch learner.

**Lesson**: arrows or `PgUp`/`PgDn` scroll · `Tab` to the quizzes · `p` practice · `e` exam.

**Questions**:
- one choice: arrows then `Enter`, a number key, or a click;
- several choices: `Space` or a number toggles, `Enter` submits;
- typed answers: type, then `Enter`; numbers as you write them (`14,7 triliun`, `550 million`);
- ordering: arrows pick an item, `Shift+↑`/`Shift+↓` (or `[` and `]`) move it, `Enter` submits;
- matching: arrows pick a row, a number key (or `Enter`) chooses its match, `Ctrl+S` submits.

**Practice** shows right or wrong, the right answer and why; `Enter` moves on.
`Esc` leaves a quiz and keeps its answers: `r` on the home screen resumes it.

**Exam**: `PgDn`/`Ctrl+N` next or skip · `PgUp`/`Ctrl+B` previous · `Ctrl+T` flag ·
`Ctrl+G` finish. Answers can be changed until you finish.

**Results**: `w` retry the wrong ones · `x` save an HTML report · `g` progress · `Esc` home.
""",
    "id": """\
# Bantuan

**Di mana saja**: `F1` bantuan · `F2` ganti bahasa (Bahasa Indonesia / English) ·
`Ctrl+P` palet perintah · `Ctrl+Q` keluar · `Esc` kembali.

**Beranda**: panah memilih kuis · `Enter` pilih mode · `p` latihan · `e` ujian ·
`l` pelajaran · `r` lanjutkan kuis yang belum selesai · `v` ulas · `g` kemajuan ·
`s` ganti pelajar.

**Pelajaran**: panah atau `PgUp`/`PgDn` menggulir · `Tab` ke daftar kuis · `p` latihan ·
`e` ujian.

**Soal**:
- satu pilihan: panah lalu `Enter`, tombol angka, atau klik;
- beberapa pilihan: `Spasi` atau angka menandai, `Enter` mengirim;
- jawaban ketik: ketik lalu `Enter`; angka ditulis bebas (`14,7 triliun`, `550 juta`);
- urutan: panah memilih, `Shift+↑`/`Shift+↓` (atau `[` dan `]`) memindahkan, `Enter` kirim;
- menjodohkan: panah memilih baris, tombol angka (atau `Enter`) memilih pasangan,
  `Ctrl+S` kirim.

**Latihan** menunjukkan benar atau salah, jawaban yang benar dan alasannya; `Enter` lanjut.
`Esc` meninggalkan kuis dan menyimpan jawabannya: `r` di beranda melanjutkannya.

**Ujian**: `PgDn`/`Ctrl+N` berikutnya atau lewati · `PgUp`/`Ctrl+B` sebelumnya ·
`Ctrl+T` tandai · `Ctrl+G` selesai. Jawaban bisa diubah sampai selesai.

**Hasil**: `w` ulangi yang salah · `x` simpan laporan HTML · `g` kemajuan · `Esc` beranda.
""",
}


class HelpScreen(AppModal):
    """Keys and screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown(HELP[self.quiz_app.lang])

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def relabel(self) -> None:
        self.query_one(Markdown).update(HELP[self.quiz_app.lang])
