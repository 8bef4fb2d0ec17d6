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
`l` lesson · `r` resume an unfinished quiz (with several, choose which) · `v` review ·
`g` progress · `s` switch learner · `q` quit. Choosing which to resume: `Enter` resumes ·
`d` drops one (its answers stay, it gets no score) · `Esc` back.

**Switch learner**: arrows and `Enter` pick a learner, who keeps their language; or type a
new name, then choose its language · `delete` on a learner removes them, after asking
(their results are saved in the data folder's `removed-learners` first) · `Esc` back.

**Lesson**: arrows or `PgUp`/`PgDn` scroll · `Tab` to the quizzes · `Enter` choose a mode ·
`p` practice · `e` exam · `Esc` back.

**Questions**:
- one choice: arrows then `Enter`, a number key, or a click;
- several choices: `Space` or a number toggles, `Enter` submits;
- typed answers: type, then `Enter`; numbers as you write them (a figure with `triliun`,
  `juta` or `million`, a decimal comma or point; the box shows examples);
- ordering: arrows pick an item, `Shift+↑`/`Shift+↓` (or `[` and `]`) move it, `Enter` submits;
- matching: arrows pick a row, a number key (or `Enter`) chooses its match, `Ctrl+S` submits.

**Practice** shows right or wrong, the right answer and why; `Enter` moves on;
`F3` shows the question's hint (it costs nothing).
`Esc` leaves a quiz and keeps its answers: `r` on the home screen resumes it.

**Exam**: `PgDn`/`Ctrl+N` next or skip · `PgUp`/`Ctrl+B` previous · `Ctrl+T` flag ·
`Ctrl+L` the question list (`←`/`→`/`↑`/`↓`/`Home`/`End` choose, `Enter` opens, `Esc`
closes) · `Ctrl+G` finish (asks first;
`Enter` goes back). Answers can be changed until you finish; typed text not yet given is
kept. A timed exam's clock runs on when you leave it. (In practice, `F3` shows a hint.)

**Results**: arrows choose a question · `l`/`Enter` opens its lesson · `f` only those not right ·
`w` retry the wrong ones · `x` export a report · `g` progress · `Esc`/`h` home.

**Progress**: arrows or `PgUp`/`PgDn` scroll · `v` review the questions due ·
`x` export your report · `Esc` back.

**Review**: `Enter` or `Space` starts the questions due · `Esc` back.

**Export a report**: arrows choose the format (HTML, Markdown, CSV, JSON) · `Enter` on the
format goes to the file name, in the file name saves · `Tab` moves between the list, the
name and the buttons · `Esc` closes without saving.

**Questions asked** (yes or no): `y` yes · `n` or `Esc` no.
""",
    "id": """\
# Bantuan

**Di mana saja**: `F1` bantuan · `F2` ganti bahasa (Bahasa Indonesia / English) ·
`Ctrl+P` palet perintah · `Ctrl+Q` keluar · `Esc` kembali.

**Beranda**: panah memilih kuis · `Enter` pilih mode · `p` latihan · `e` ujian ·
`l` pelajaran · `r` lanjutkan kuis yang belum selesai (bila ada beberapa, pilih salah
satu) · `v` ulas · `g` kemajuan · `s` ganti pelajar · `q` keluar. Saat memilih yang
dilanjutkan: `Enter` melanjutkan · `d` membuang satu (jawabannya tetap ada, tanpa nilai) ·
`Esc` kembali.

**Ganti pelajar**: panah dan `Enter` memilih pelajar, yang tetap memakai bahasanya; atau
tulis nama baru, lalu pilih bahasanya · `delete` pada seorang pelajar menghapusnya, setelah
bertanya (hasilnya disimpan dulu di `removed-learners` dalam folder data) · `Esc` kembali.

**Pelajaran**: panah atau `PgUp`/`PgDn` menggulir · `Tab` ke daftar kuis ·
`Enter` pilih mode · `p` latihan · `e` ujian · `Esc` kembali.

**Soal**:
- satu pilihan: panah lalu `Enter`, tombol angka, atau klik;
- beberapa pilihan: `Spasi` atau angka menandai, `Enter` mengirim;
- jawaban ketik: ketik lalu `Enter`; angka ditulis bebas (dengan `triliun` atau `juta`,
  koma desimal; contohnya ada di bawah kotak jawaban);
- urutan: panah memilih, `Shift+↑`/`Shift+↓` (atau `[` dan `]`) memindahkan, `Enter` kirim;
- menjodohkan: panah memilih baris, tombol angka (atau `Enter`) memilih pasangan,
  `Ctrl+S` kirim.

**Latihan** menunjukkan benar atau salah, jawaban yang benar dan alasannya; `Enter` lanjut;
`F3` menampilkan petunjuk soal (tanpa mengurangi nilai).
`Esc` meninggalkan kuis dan menyimpan jawabannya: `r` di beranda melanjutkannya.

**Ujian**: `PgDn`/`Ctrl+N` berikutnya atau lewati · `PgUp`/`Ctrl+B` sebelumnya ·
`Ctrl+T` tandai · `Ctrl+L` daftar soal (`←`/`→`/`↑`/`↓`/`Home`/`End` memilih, `Enter`
membuka, `Esc` menutup) · `Ctrl+G` selesai
(ditanya dulu; `Enter` kembali). Jawaban bisa diubah sampai selesai; ketikan yang belum
dikirim tetap disimpan. Waktu ujian berwaktu terus berjalan saat Anda pergi. (Saat latihan,
`F3` menampilkan petunjuk.)

**Hasil**: panah memilih soal · `l`/`Enter` membuka pelajarannya · `f` hanya yang belum benar ·
`w` ulangi yang salah · `x` ekspor laporan · `g` kemajuan · `Esc`/`h` beranda.

**Kemajuan**: panah atau `PgUp`/`PgDn` menggulir · `v` ulas soal yang jatuh tempo ·
`x` ekspor laporan Anda · `Esc` kembali.

**Ulasan**: `Enter` atau `Spasi` memulai soal yang jatuh tempo · `Esc` kembali.

**Ekspor laporan**: panah memilih format (HTML, Markdown, CSV, JSON) · `Enter` di daftar
format pindah ke nama berkas, di nama berkas menyimpan · `Tab` berpindah antara daftar,
nama berkas dan tombol · `Esc` menutup tanpa menyimpan.

**Pertanyaan** (ya atau tidak): `y` ya · `n` atau `Esc` tidak.
""",
}

PREVIEW_HELP: dict[str, str] = {
    "en": """\
# Help: preview

The quiz file as its author wrote it, answers marked; shown again each time the file is
saved. While the file has problems, they are listed instead.

`t` try the quiz as a learner would (practice; nothing is saved) · `l` next quiz
language · `r` reload the file now · `q` or `Ctrl+Q` quit · arrows or `PgUp`/`PgDn`
scroll · `F1` help · `F2` interface language (the quiz follows when it has that
language) · `Ctrl+P` command palette.

While trying the quiz, the question keys are the app's own (arrows, number keys, `Enter`);
`Esc` goes back to the preview.
""",
    "id": """\
# Bantuan: pratinjau

Berkas kuis seperti yang ditulis penyusunnya, jawabannya ditandai; ditampilkan ulang
setiap kali berkas disimpan. Selama berkas masih bermasalah, masalahnya yang ditampilkan.

`t` coba kuisnya seperti pelajar (latihan; tidak ada yang disimpan) · `l` bahasa kuis
berikutnya · `r` muat ulang berkas sekarang · `q` atau `Ctrl+Q` keluar · panah atau
`PgUp`/`PgDn` menggulir · `F1` bantuan · `F2` bahasa antarmuka (kuis ikut bila punya
bahasa itu) · `Ctrl+P` palet perintah.

Saat mencoba kuis, tombol soal sama seperti di aplikasi (panah, angka, `Enter`);
`Esc` kembali ke pratinjau.
""",
}
"""The preview's own help (`quizapp preview FILE`): its keys, not the learner app's."""

SECTION_TITLES: dict[str, dict[str, str]] = {
    "home": {"en": "Home", "id": "Beranda"},
    "switch": {"en": "Switch learner", "id": "Ganti pelajar"},
    "lesson": {"en": "Lesson", "id": "Pelajaran"},
    "questions": {"en": "Questions", "id": "Soal"},
    "exam": {"en": "Exam", "id": "Ujian"},
    "results": {"en": "Results", "id": "Hasil"},
    "progress": {"en": "Progress", "id": "Kemajuan"},
    "review": {"en": "Review", "id": "Ulasan"},
    "export": {"en": "Export a report", "id": "Ekspor laporan"},
    "confirm": {"en": "Questions asked", "id": "Pertanyaan"},
}
"""Each section of the help by the bold words it starts with, per language."""

SCREEN_SECTIONS: dict[str, str] = {
    "HomeScreen": "home",
    "ModePicker": "home",
    "ResumePicker": "home",
    "FirstRunScreen": "switch",
    "LessonScreen": "lesson",
    "QuizScreen": "questions",
    "ResultsScreen": "results",
    "ProgressScreen": "progress",
    "ReviewScreen": "review",
    "ExportDialog": "export",
    "Confirm": "confirm",
}
"""The section F1 opens at, by the class name of the screen it is pressed on."""


def section_for(screen: object) -> str | None:
    """The help section for `screen` (an exam's quiz screen opens at the exam keys)."""
    section = SCREEN_SECTIONS.get(type(screen).__name__)
    session = getattr(screen, "session", None)
    if section == "questions" and getattr(session, "mode", None) == "exam":
        return "exam"
    return section


class HelpScreen(AppModal):
    """Keys and screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "back"),
        # A dialog hides the app's keys: F2 here too, so the help can be read in either.
        Binding("f2", "app.toggle_language", "language", show=False),
    ]

    def __init__(self, texts: dict[str, str] | None = None, section: str | None = None) -> None:
        super().__init__()
        self.texts = texts or HELP
        """The help in each language (Markdown): the app's, or the preview's."""
        self.section = section
        """Where it opens (a `SECTION_TITLES` key): the section of the screen beneath."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown()

    async def on_mount(self) -> None:  # type: ignore[override]  # Textual runs each class's handler, async or not
        self.query_one("#help-body").focus()
        await self._show()

    async def _show(self) -> None:
        await self.query_one(Markdown).update(self.texts[self.quiz_app.lang])
        self.call_after_refresh(self._go_to_section)

    def _go_to_section(self) -> None:
        titles = SECTION_TITLES.get(self.section or "")
        if not titles:
            return
        start = f"{titles.get(self.quiz_app.lang, titles['en'])}:"
        from textual.widgets._markdown import MarkdownBlock

        for block in self.query_one(Markdown).query(MarkdownBlock):
            if str(getattr(block, "_content", "")).startswith(start):
                body = self.query_one("#help-body", VerticalScroll)
                if block.virtual_region.bottom <= body.scrollable_content_region.height:
                    return  # in view from the top: the keys for everywhere stay in view too
                body.scroll_to_widget(block, top=True, animate=False, immediate=True)
                return

    def relabel(self) -> None:
        self.run_worker(self._show(), exclusive=True, group="help-text")
