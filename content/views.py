from django.shortcuts import render

from .selectors import MAX_QUERY_LENGTH, search_training


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        results = search_training(query=query, page_number=request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": results})
