"""The briefing: the views as slides (`pack`), written as PowerPoint (`pptx`) and HTML (`html`)."""
