"""The words of reports in each interface language (English, Indonesian).

Only the report's own labels live here; quiz text comes translated from the quiz file.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "id")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "attempt_title": "Attempt report",
        "learner_title": "Learner report",
        "class_title": "Class report",
        "learner": "Learner",
        "quiz": "Quiz",
        "version": "Version",
        "date": "Date",
        "mode": "Mode",
        "mode_practice": "practice",
        "mode_exam": "exam",
        "mode_review": "review",
        "score": "Score",
        "result": "Result",
        "passed": "passed",
        "failed": "not passed",
        "pass_mark": "Pass mark",
        "question": "Question",
        "response": "Response",
        "right_answer": "Right answer",
        "credit": "Credit",
        "points": "Points",
        "attempts": "Attempts",
        "attempt_id": "Attempt id (for --attempt)",
        "best": "Best",
        "last": "Last",
        "average": "Average",
        "first": "First",
        "score_over_time": "Score over time",
        "mastery": "Mastery per tag",
        "tag": "Tag",
        "answers": "Answers",
        "weakest": "Weakest questions",
        "grades": "Grades",
        "distribution": "Score distribution",
        "item_analysis": "Item analysis",
        "quiz_statistics": "Quiz statistics",
        "attempts_used_first": "first exam attempts",
        "attempts_used_all": "all exam attempts",
        "calculated_from": "Calculated from",
        "learners": "Learners",
        "mean": "Mean",
        "median": "Median",
        "sd": "Standard deviation",
        "skewness": "Skewness",
        "kurtosis": "Kurtosis",
        "cic": "Coefficient of internal consistency (Cronbach's alpha)",
        "error_ratio": "Error ratio",
        "standard_error": "Standard error",
        "facility": "Facility index",
        "discrimination": "Discrimination index",
        "efficiency": "Discriminative efficiency",
        "hints": "Hints",
        "notes": "Notes",
        "generated": "Generated",
        "no_attempts": "No attempts yet.",
        "grade": "Grade",
        "grading_highest": "grade: the highest graded (exam) attempt",
        "grading_first": "grade: the first graded (exam) attempt",
        "grading_last": "grade: the last graded (exam) attempt",
        "grading_average": "grade: the average of the graded (exam) attempts",
        "counted": "Counts for the grade",
        "history": "Attempts (* counts for the grade)",
        "total": "Total",
        "out_of": "Out of",
        "not_graded": "not graded (practice and review never count)",
        "yes": "yes",
        "note_practice_only": "Nobody took this quiz as an exam: the statistics are calculated "
        "from practice attempts, whose retries lower the marks.",
        "no": "no",
        "chart_label": "Score (%) of each attempt, oldest first: one colour per quiz, "
        "exam attempts filled, practice hollow, each pass mark dashed",
        "note_versions": "Quiz {quiz} was taken on {n} versions ({versions}); each version is "
        "reported apart because its questions may differ.",
        "hint_too_hard": "Too hard: learners earned only {facility:.0f}% of its marks; check that "
        "it is clear, that its key is right and that the module teaches it.",
        "hint_too_easy": "Too easy: learners earned {facility:.0f}% of its marks; it tells you "
        "little, so make it harder or drop it.",
        "hint_negative_discrimination": "Learners who did worse on the rest of the quiz did "
        "better on this question; check its key and look for a misleading wording.",
        "hint_weak_discrimination": "Discriminates badly (index {di:.0f}, below 20): stronger "
        "and weaker learners do about as well on it.",
        "note_duplicates_one": "1 attempt appeared in more than one file and counted once.",
        "note_duplicates": "{n} attempts appeared in more than one file and counted once.",
        "note_namesakes": "{n} different learners are called {name}: {who}.",
        "note_namesake": "{label} from {files}",
        "note_mixed_questions": "Attempts did not all have the same questions, so scores are "
        "percentages of each attempt's own maximum and the coefficient of internal consistency "
        "is not given.",
        "note_few_attempts_one": "Only 1 attempt: with fewer than {least} the figures say "
        "little about the questions.",
        "note_few_attempts": "Only {n} attempts: with fewer than {least} the figures say "
        "little about the questions.",
        "file_not_text": "{name} is not a text file, so not a learner export.",
        "file_not_json": "{name} is not valid JSON (line {line}, column {column}: {detail}).",
        "file_foreign": '{name} is not a quizapp learner export (it lacks "format": "{format}").',
        "file_newer": "{name} was written by a newer quizapp (format version {version}); "
        "update quizapp to read it.",
        "file_damaged": "{name} is damaged ({detail}).",
        "file_missing": "{name} does not exist.",
        "file_folder": "{name} is a folder, not a learner export file.",
        "file_unreadable": "{name} cannot be read ({detail}).",
        "file_too_large": "{name} is larger than {mb} MB, far more than a learner export.",
    },
    "id": {
        "attempt_title": "Laporan percobaan",
        "learner_title": "Laporan peserta",
        "class_title": "Laporan kelas",
        "learner": "Peserta",
        "quiz": "Kuis",
        "version": "Versi",
        "date": "Tanggal",
        "mode": "Mode",
        "mode_practice": "latihan",
        "mode_exam": "ujian",
        "mode_review": "ulasan",
        "score": "Nilai",
        "result": "Hasil",
        "passed": "lulus",
        "failed": "belum lulus",
        "pass_mark": "Batas lulus",
        "question": "Soal",
        "response": "Jawaban",
        "right_answer": "Jawaban benar",
        "credit": "Kredit",
        "points": "Poin",
        "attempts": "Percobaan",
        "attempt_id": "Id percobaan (untuk --attempt)",
        "best": "Terbaik",
        "last": "Terakhir",
        "average": "Rata-rata",
        "first": "Pertama",
        "score_over_time": "Nilai dari waktu ke waktu",
        "mastery": "Penguasaan per tag",
        "tag": "Tag",
        "answers": "Jawaban",
        "weakest": "Soal terlemah",
        "grades": "Nilai",
        "distribution": "Sebaran nilai",
        "item_analysis": "Analisis butir soal",
        "quiz_statistics": "Statistik kuis",
        "attempts_used_first": "percobaan ujian pertama",
        "attempts_used_all": "semua percobaan ujian",
        "calculated_from": "Dihitung dari",
        "learners": "Peserta",
        "mean": "Rata-rata",
        "median": "Median",
        "sd": "Simpangan baku",
        "skewness": "Kemencengan",
        "kurtosis": "Kurtosis",
        "cic": "Koefisien konsistensi internal (alfa Cronbach)",
        "error_ratio": "Rasio galat",
        "standard_error": "Galat baku",
        "facility": "Indeks kemudahan",
        "discrimination": "Indeks daya beda",
        "efficiency": "Efisiensi daya beda",
        "hints": "Saran",
        "notes": "Catatan",
        "generated": "Dibuat",
        "no_attempts": "Belum ada percobaan.",
        "grade": "Nilai akhir",
        "grading_highest": "nilai akhir: percobaan ujian tertinggi",
        "grading_first": "nilai akhir: percobaan ujian pertama",
        "grading_last": "nilai akhir: percobaan ujian terakhir",
        "grading_average": "nilai akhir: rata-rata percobaan ujian",
        "counted": "Dihitung untuk nilai akhir",
        "history": "Percobaan (* dihitung untuk nilai akhir)",
        "total": "Jumlah",
        "out_of": "Dari",
        "not_graded": "tidak dinilai (latihan dan ulasan tidak pernah dihitung)",
        "yes": "ya",
        "note_practice_only": "Tidak ada yang mengerjakan kuis ini sebagai ujian: statistiknya "
        "dihitung dari percobaan latihan, yang nilainya berkurang karena mencoba ulang.",
        "no": "tidak",
        "chart_label": "Nilai (%) tiap percobaan, dari yang terlama: satu warna per kuis, "
        "ujian berisi, latihan kosong, batas lulus bergaris putus",
        "note_versions": "Kuis {quiz} dikerjakan pada {n} versi ({versions}); tiap versi "
        "dilaporkan terpisah karena soalnya bisa berbeda.",
        "hint_too_hard": "Terlalu sulit: peserta hanya meraih {facility:.0f}% poinnya; periksa "
        "apakah soalnya jelas, kuncinya benar, dan materinya diajarkan di modul.",
        "hint_too_easy": "Terlalu mudah: peserta meraih {facility:.0f}% poinnya; soal ini kurang "
        "memberi informasi, jadi buat lebih sulit atau hapus.",
        "hint_negative_discrimination": "Peserta yang lebih lemah di soal lain justru lebih "
        "baik di soal ini; periksa kuncinya dan cari kalimat yang menyesatkan.",
        "hint_weak_discrimination": "Daya beda lemah (indeks {di:.0f}, di bawah 20): peserta "
        "yang kuat dan yang lemah sama saja hasilnya di soal ini.",
        "note_duplicates_one": "1 percobaan ada di lebih dari satu berkas dan dihitung sekali.",
        "note_duplicates": "{n} percobaan ada di lebih dari satu berkas dan dihitung sekali.",
        "note_namesakes": "{n} peserta yang berbeda bernama {name}: {who}.",
        "note_namesake": "{label} dari {files}",
        "note_mixed_questions": "Soal tiap percobaan tidak semuanya sama, jadi nilai dihitung "
        "sebagai persentase dari nilai maksimum percobaan itu sendiri dan koefisien konsistensi "
        "internal tidak diberikan.",
        "note_few_attempts_one": "Hanya 1 percobaan: dengan kurang dari {least} percobaan, "
        "angka-angka ini belum banyak menunjukkan mutu soalnya.",
        "note_few_attempts": "Hanya {n} percobaan: dengan kurang dari {least} percobaan, "
        "angka-angka ini belum banyak menunjukkan mutu soalnya.",
        "file_not_text": "{name} bukan berkas teks, jadi bukan ekspor peserta.",
        "file_not_json": "{name} bukan JSON yang sah (baris {line}, kolom {column}: {detail}).",
        "file_foreign": '{name} bukan ekspor peserta quizapp (tidak ada "format": "{format}").',
        "file_newer": "{name} ditulis oleh quizapp yang lebih baru (format versi {version}); "
        "perbarui quizapp untuk membacanya.",
        "file_damaged": "{name} rusak ({detail}).",
        "file_missing": "{name} tidak ada.",
        "file_folder": "{name} adalah folder, bukan berkas ekspor peserta.",
        "file_unreadable": "{name} tidak bisa dibaca ({detail}).",
        "file_too_large": "{name} lebih besar dari {mb} MB, jauh melebihi ekspor peserta.",
    },
}


def language(lang: str | None) -> str:
    """The report language for a learner's setting: its base language if known, else English."""
    base = (lang or "en").split("-")[0].lower()
    return base if base in STRINGS else "en"


def tr(lang: str, key: str) -> str:
    """A report label in `lang`, falling back to English."""
    return STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"][key]


class Note(str):
    """A sentence for a report's notes that can be said in every report language.

    It is the English sentence, so the command line can print it as it prints its other
    messages; `in_language` gives it in a report's language. Its parameters are data
    (file and learner names), put in as they are; a parameter that is itself a `Note` is
    said in the same language, and a tuple of them is joined with "; ".
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Note:
        note = super().__new__(cls, _say("en", key, params))
        note.key = key
        note.params = params
        return note

    def __reduce__(self) -> Any:
        return (_rebuild, (self.key, self.params))

    def in_language(self, lang: str) -> str:
        return _say(lang, self.key, self.params)


def _rebuild(key: str, params: dict[str, Any]) -> Note:
    return Note(key, **params)


def _say(lang: str, key: str, params: dict[str, Any]) -> str:
    def value(v: Any) -> Any:
        if isinstance(v, Note):
            return v.in_language(lang)
        if isinstance(v, tuple):
            return "; ".join(str(value(item)) for item in v)
        return v

    return tr(lang, key).format(**{k: value(v) for k, v in params.items()})


def in_language(text: str, lang: str) -> str:
    """`text` in the report's language when it is a `Note`; other text as it is."""
    return text.in_language(lang) if isinstance(text, Note) else text
