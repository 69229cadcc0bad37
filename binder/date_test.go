package binder

import "testing"

func TestValidDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2025-03-01": true, "2025-3-1": true, "2025/3/1": true, "2025.03.01": true,
		"2025年3月1日": true, "2025 年 3 月 1 日": true, "2024-02-29": true, "2024年12月31日": true,
		"2025-13-40": false, "2025-02-29": false, "2025年2月30日": false, "2025年13月1日": false,
		"2025-00-10": false, "2025-01-00": false, "25-3-1": false, "2025-3": false, "2025年3月": false,
		"": false, "明天": false, "2025-03-01x": false, "2025/03-01": false, "+2025-3-1": false,
		"2025年3月1": false, "2025-003-01": false, "0999-01-01": false,
	} {
		if got := ValidDate(s); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", s, got, want)
		}
	}
}
