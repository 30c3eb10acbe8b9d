"""Upload rules of an indicator checked against one evidence version (pure, no queries)."""

import re

from gonghui.core.files import IMAGE_KINDS

_SPACE = re.compile(r"\s+")


def report_length(text: str) -> int:
    """Characters of the 说明报告 as counted on the page: whitespace does not count."""
    return len(_SPACE.sub("", text or ""))


def check_upload_rules(indicator, version, *, files, links) -> list[str]:
    """What is missing or wrong, one Chinese phrase each; empty when the rules are met."""
    problems = []
    photos = sum(1 for f in files if f.kind in IMAGE_KINDS)
    if not files and not links:
        problems.append("未上传任何资料（文件或链接）")
    if indicator.min_photos and photos < indicator.min_photos:
        problems.append(f"照片不足：要求至少 {indicator.min_photos} 张，已上传 {photos} 张")
    length = report_length(version.report_text if version else "")
    if indicator.min_chars and length < indicator.min_chars:
        problems.append(f"说明报告字数不足：要求至少 {indicator.min_chars} 字，现有 {length} 字")
    if indicator.max_chars and length > indicator.max_chars:
        problems.append(f"说明报告超过字数上限：最多 {indicator.max_chars} 字，现有 {length} 字")
    if indicator.requires_doc_number and not (version and version.doc_number.strip()):
        problems.append("缺少文号：该项须上传正式文件并填写文号")
    allowed = set(indicator.allowed_file_types)
    wrong = [f.original_name for f in files if f.kind not in allowed]
    if wrong:
        problems.append(
            f"文件类型不符合要求：{'、'.join(wrong)}（允许 {'、'.join(sorted(allowed))}）"
        )
    return problems
