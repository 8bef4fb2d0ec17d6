"""The words of reports in each interface language (English, Indonesian).

Only the report's own labels live here; quiz text comes translated from the quiz file.
"""

from __future__ import annotations

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
        "attempts_used_first": "first attempts",
        "attempts_used_all": "all attempts",
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
        "no_attempts": "No attempts.",
        "chart_label": "Score (%) of each attempt, oldest first",
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
        "attempts_used_first": "percobaan pertama",
        "attempts_used_all": "semua percobaan",
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
        "chart_label": "Nilai (%) tiap percobaan, dari yang terlama",
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
    },
}


def language(lang: str | None) -> str:
    """The report language for a learner's setting: its base language if known, else English."""
    base = (lang or "en").split("-")[0].lower()
    return base if base in STRINGS else "en"


def tr(lang: str, key: str) -> str:
    """A report label in `lang`, falling back to English."""
    return STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"][key]
